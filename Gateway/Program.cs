using Exam3.Gateway;

var builder = WebApplication.CreateBuilder(ContentRoot.OptionsFor(args));

builder.UseDefaultUrl(GatewayServices.DefaultUrl);
builder.AddServiceDefaults();
builder.AddConsulRegistration();
builder.AddGateway();

var app = builder.Build();

app.UseGatewayPipeline();
app.MapDefaultEndpoints();
app.MapRegistryRoutes();

app.Run();
