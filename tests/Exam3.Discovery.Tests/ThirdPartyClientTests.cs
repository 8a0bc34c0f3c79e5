using System.Diagnostics;

namespace Exam3.Discovery.Tests;

/// <summary>
/// Real third-party Consul clients from public registries, against the registry as a real process: the npm registry's
/// `consul` (pinned in Clients/package.json) and Debian's python3-consul. Their scripts (Clients/) assert each step and
/// exit non-zero on the first surprise. A missing client fails the test with what to install: CI installs them.
/// The registry runs with ACLs on, as under the AppHost: the clients send the management token, as Consul's tools do,
/// from CONSUL_HTTP_TOKEN.
/// </summary>
public sealed class ThirdPartyClientTests : IAsyncLifetime
{
    private const string ManagementToken = "third-party-clients-token";

    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromSeconds(180);
    private static readonly string ClientsFolder = Path.Combine(RepositoryPaths.Root, "tests", "Exam3.Discovery.Tests", "Clients");

    private ProjectProcess _registry = null!;

    public async ValueTask InitializeAsync()
    {
        _registry = ProjectProcess.Start("consul", "Services/Discovery", "Exam3.Discovery",
            environment: new Dictionary<string, string?>
            {
                ["Discovery__MinimumCheckInterval"] = "00:00:00.2",
                ["Discovery__ManagementToken"] = ManagementToken,
            },
            log: line => TestContext.Current.TestOutputHelper?.WriteLine(line));
        await _registry.WaitForHttpAsync("/v1/status/leader", TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync() => await _registry.DisposeAsync();

    [Fact]
    public async Task NpmConsulAndPythonConsulRegisterWatchShareNestedKeysAndContendForALock()
    {
        var node = await NodeAsync();
        var python = await PythonAsync();

        await RunAsync(node, "node-client.js", "register");
        await RunAsync(python, "python-client.py", "register");
        await RunAsync(node, "node-client.js", "write-keys");
        await RunAsync(python, "python-client.py", "write-keys");
        await RunAsync(node, "node-client.js", "read-keys");
        await RunAsync(node, "node-client.js", "lock");
        await RunAsync(python, "python-client.py", "contend");
        await RunAsync(node, "node-client.js", "release");
        await RunAsync(python, "python-client.py", "acquire");

        // The Node client escaped its slashes; the registry must have stored a real nested key.
        using var http = new HttpClient { BaseAddress = _registry.BaseAddress };
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await http.ReadAsync("/v1/kv/shared/from-node/app/config?raw")).Status);
        http.DefaultRequestHeaders.Add("X-Consul-Token", ManagementToken);
        Assert.Equal("node-value", (await http.ReadAsync("/v1/kv/shared/from-node/app/config?raw")).Body);
    }

    private async Task RunAsync(string program, string script, string step)
    {
        var (exitCode, output) = await ToolAsync(program, [Path.Combine(ClientsFolder, script), step], StepTimeout,
            new Dictionary<string, string?>
            {
                ["REGISTRY_URL"] = _registry.BaseAddress.ToString().TrimEnd('/'),
                ["CONSUL_HTTP_TOKEN"] = ManagementToken,
                // python-consul reads CONSUL_HTTP_ADDR itself, and only as host:port; the machine's own must not leak in.
                ["CONSUL_HTTP_ADDR"] = null,
            });
        TestContext.Current.TestOutputHelper?.WriteLine(output);
        Assert.True(exitCode == 0, $"{script} {step} exited with {exitCode}:{Environment.NewLine}{output}");
    }

    // `npm ci` from the committed lock file when the package is missing, as on a fresh CI machine.
    private static async Task<string> NodeAsync()
    {
        var (nodeExit, nodeVersion) = await TryToolAsync("node", ["--version"]);
        Assert.True(nodeExit == 0, $"Node.js is required for the npm `consul` client test and was not found (`node --version`: {nodeVersion}). Install nodejs and npm.");
        if (!File.Exists(Path.Combine(ClientsFolder, "node_modules", "consul", "package.json")))
        {
            var (exitCode, output) = await ToolAsync("npm", ["ci", "--no-audit", "--no-fund"], InstallTimeout);
            Assert.True(exitCode == 0, $"`npm ci` in {ClientsFolder} failed ({exitCode}):{Environment.NewLine}{output}");
        }

        return "node";
    }

    // Debian's python3-consul installs into the system interpreter, which another python3 on PATH (pyenv) may hide.
    private static async Task<string> PythonAsync()
    {
        foreach (var candidate in (string[])["/usr/bin/python3", "python3"])
        {
            if ((await TryToolAsync(candidate, ["-c", "import consul"])).ExitCode == 0)
            {
                return candidate;
            }
        }

        Assert.Fail("No python3 can import `consul`: the Python client test needs Debian's python3-consul (apt-get install -y python3-consul).");
        return "";
    }

    private static async Task<(int ExitCode, string Output)> TryToolAsync(string program, string[] arguments)
    {
        try
        {
            return await ToolAsync(program, arguments, TimeSpan.FromSeconds(30));
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            return (-1, missing.Message);
        }
    }

    private static async Task<(int ExitCode, string Output)> ToolAsync(
        string program, string[] arguments, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = ClientsFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var reading = Task.WhenAll(
            process.StandardOutput.ReadToEndAsync().ContinueWith(text => output.Append(text.Result), TaskScheduler.Default),
            process.StandardError.ReadToEndAsync().ContinueWith(text => output.Append(text.Result), TaskScheduler.Default));
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            await reading;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{program} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s. Output so far:{Environment.NewLine}{output}");
        }

        return (process.ExitCode, output.ToString());
    }
}
