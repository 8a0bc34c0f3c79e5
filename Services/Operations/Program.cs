using Exam3.Operations;
using Exam3.Operations.Apis;

var builder = WebApplication.CreateBuilder(ContentRoot.OptionsFor(args));

builder.AddServiceDefaults();
builder.AddConsulRegistration();
builder.AddOperationsServices();

var app = builder.Build();

app.UseOperationsPipeline();
app.MapDefaultEndpoints();
app.MapApiReference();
app.MapInstanceApi();
app.MapCalculatorApi();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
