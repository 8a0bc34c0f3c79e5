using Exam3.LoadBalancer;
using Exam3.LoadBalancer.Apis;

var builder = WebApplication.CreateBuilder(ContentRoot.OptionsFor(args));

builder.AddServiceDefaults();
builder.AddConsulRegistration();
builder.AddLoadBalancer();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapLoadBalancerApi();

app.Run();
