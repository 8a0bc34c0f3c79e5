using System.Net.Http.Json;
using System.Text.Json;
using Exam3.ServiceDefaults.Consul;
using Exam3.TestSupport;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Exam3.Dashboard.Tests;

/// <summary>The Registry page following a real Exam3.Discovery process through blocking queries.</summary>
public sealed class RegistryPageTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private ProjectProcess? _registry;
    private DashboardServer? _server;
    private ConsulClient? _client;

    private DashboardServer Server => _server!;

    private ConsulClient Client => _client!;

    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // The registry does not register in itself.
        _registry = ProjectProcess.Start("consul", "Services/Discovery", "Exam3.Discovery", environment: new Dictionary<string, string?>
        {
            ["Consul__Registration__Enabled"] = "false",
        });
        await _registry.WaitForHttpAsync("/v1/status/leader", Deadline);
        _client = new ConsulClient(Options.Create(new ConsulOptions { Address = _registry.BaseAddress }));
        _server = await DashboardServer.StartAsync(
            new Dictionary<string, string?> { ["ConnectionStrings:consul"] = _registry.BaseAddress.ToString() },
            services => services.AddExam3DashboardRegistry());
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _client?.Dispose();
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
    }

    [Fact]
    public async Task RegistryApiShowsEveryInstanceWithTagsMetaAndEachChecksStatusAndOutput()
    {
        using var browser = await LoggedInClientAsync();
        await RegisterAsync("operations-r1", checkPasses: true);
        await RegisterAsync("operations-r2", checkPasses: false);

        // A new HTTP check shows no output until its first probe. The failing one starts passing so that probe is a
        // change of status: as in Consul, a change of output alone does not wake blocking queries like the dashboard's.
        var operations = await ServiceWhenAsync(browser, "operations", "both checks' first probes to show in the dashboard",
            service => Instances(service).Any(i => Check(i, "service:operations-r1")?.GetProperty("status").GetString() == "passing")
                && Instances(service).Any(i => Check(i, "service:operations-r2")?.GetProperty("output").GetString() is { Length: > 0 }));

        Assert.Equal(["operations-r1", "operations-r2"], Instances(operations).Select(i => i.GetProperty("instance").GetProperty("id").GetString()));
        var r1 = Instances(operations).First();
        Assert.Equal("127.0.0.1", r1.GetProperty("instance").GetProperty("address").GetString());
        Assert.Equal(7001, r1.GetProperty("instance").GetProperty("port").GetInt32());
        Assert.Equal(["lab", "v1"], r1.GetProperty("instance").GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        Assert.Equal("operations-r1", r1.GetProperty("instance").GetProperty("meta").GetProperty("replica").GetString());
        Assert.Contains("200 OK", Check(r1, "service:operations-r1")!.Value.GetProperty("output").GetString(), StringComparison.Ordinal);
        var r2 = Instances(operations).Last();
        Assert.Equal("critical", Check(r2, "service:operations-r2")!.Value.GetProperty("status").GetString());
        Assert.Equal("passing", Check(r2, "serfHealth")?.GetProperty("status").GetString());
        Assert.Equal(["lab", "v1"], operations.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
    }

    [Fact]
    public async Task ARegistrationIsStreamedAsARegistryChange()
    {
        using var browser = await LoggedInClientAsync();
        await RegisterAsync("operations-r1", checkPasses: true);
        await ServiceWhenAsync(browser, "operations", "operations-r1 to show", service => Instances(service).Count == 1);
        using var changes = await browser.GetStreamAsync("/api/changes", CancellationToken);
        using var reader = new StreamReader(changes);

        await RegisterAsync("operations-r3", checkPasses: true);

        // Events from before the registration may still be on their way; the one that matters shows the new instance.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);
        timeout.CancelAfter(Deadline);
        var shown = false;
        while (!shown && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line == "data: registry")
            {
                var operations = await ServiceAsync(browser, "operations");
                shown = operations is { } service && Instances(service).Any(i => i.GetProperty("instance").GetProperty("id").GetString() == "operations-r3");
            }
        }

        Assert.True(shown, "no registry event was followed by operations-r3 in /api/registry");
    }

    [Fact]
    public async Task RegistryPageShowsTheInstancesAndNewOnesWithoutReloading()
    {
        await RegisterAsync("operations-r1", checkPasses: true);
        await RegisterAsync("operations-r2", checkPasses: false);
        await using var browser = await DashboardBrowser.LaunchAsync();
        var page = await browser.LoggedInPageAsync(Server);

        await page.GotoAsync("/registry");
        await Assertions.Expect(page.Locator("tr[data-instance='operations-r1'] [data-check='service:operations-r1'][data-status='passing']")).ToBeVisibleAsync(DashboardBrowser.Patiently);
        await Assertions.Expect(page.Locator("tr[data-instance='operations-r2'][data-status='critical']")).ToBeVisibleAsync(DashboardBrowser.Patiently);
        await Assertions.Expect(page.Locator("tr[data-instance='operations-r1']")).ToContainTextAsync("127.0.0.1:7001");
        await Assertions.Expect(page.Locator("tr[data-instance='operations-r1']")).ToContainTextAsync("replica: operations-r1");

        await RegisterAsync("operations-r3", checkPasses: true);

        await Assertions.Expect(page.Locator("tr[data-instance='operations-r3'][data-status='passing']")).ToBeVisibleAsync(DashboardBrowser.Patiently);
    }

    private async Task<HttpClient> LoggedInClientAsync()
    {
        var browser = Server.Browser();
        using var login = await browser.GetAsync($"/login?t={Server.BrowserToken}", CancellationToken);
        return browser;
    }

    // A passing check probes the registry itself, starting critical; a failing one probes a port nothing listens on,
    // starting passing. Either way the first probe changes the status, which is what blocking queries wake on.
    private Task RegisterAsync(string id, bool checkPasses) => Client.RegisterServiceAsync(new ServiceRegistration
    {
        Name = "operations",
        Id = id,
        Address = "127.0.0.1",
        Port = 7000 + int.Parse(id[^1..], System.Globalization.CultureInfo.InvariantCulture),
        Tags = ["lab", "v1"],
        Meta = new Dictionary<string, string> { ["replica"] = id, ["version"] = "1.0.0" },
        Check = new ServiceCheck
        {
            Http = checkPasses ? new Uri(Client.Address, "v1/status/leader").ToString() : $"http://127.0.0.1:{FreePort.Next()}/health",
            Interval = "1s",
            // Long enough that a registry busy on a loaded machine still answers its own probe in time.
            Timeout = "10s",
            Status = checkPasses ? null : "passing",
        },
    }, CancellationToken);

    private static async Task<JsonElement> ServiceWhenAsync(HttpClient browser, string name, string what, Func<JsonElement, bool> condition)
    {
        JsonElement? found = null;
        try
        {
            await Eventually.UntilAsync(what, Deadline, async () =>
            {
                found = await ServiceAsync(browser, name);
                return found is { } service && condition(service);
            });
        }
        catch (TimeoutException timeout)
        {
            // What the dashboard showed last tells which part of the chain fell behind.
            throw new TimeoutException($"{timeout.Message} Last seen: {found?.ToString() ?? "no such service"}", timeout);
        }

        return found!.Value;
    }

    private static async Task<JsonElement?> ServiceAsync(HttpClient browser, string name)
    {
        var registry = await browser.GetFromJsonAsync<JsonElement>("/api/registry", CancellationToken);
        return registry.GetProperty("services").EnumerateArray().Where(service => service.GetProperty("name").GetString() == name).Cast<JsonElement?>().FirstOrDefault();
    }

    private static List<JsonElement> Instances(JsonElement service) => [.. service.GetProperty("instances").EnumerateArray()];

    private static JsonElement? Check(JsonElement instance, string checkId) =>
        instance.GetProperty("checks").EnumerateArray().Where(check => check.GetProperty("checkId").GetString() == checkId).Cast<JsonElement?>().FirstOrDefault();
}
