using Exam3.Discovery;
using Exam3.Discovery.Ui;

var builder = WebApplication.CreateBuilder(ContentRoot.OptionsFor(args));

builder.AddServiceDefaults();
builder.AddDiscoveryServices();

var app = builder.Build();

app.UseConsulAgent();
app.MapDefaultEndpoints();
app.MapConsulApi();
app.MapRegistryUi();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
