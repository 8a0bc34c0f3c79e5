using Exam3.Discovery;
using Exam3.Discovery.Ui;

// Consul's `agent -dev …` arguments are understood too: an image of the registry runs where hashicorp/consul would.
var builder = WebApplication.CreateBuilder(ContentRoot.OptionsFor(ConsulAgentArguments.Translate(args)));

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
