using System.Net;
using System.Net.Sockets;

namespace Exam3.Discovery.Api;

/// <summary>A service registration turned into registry records, or the 4xx/5xx Consul would answer instead.</summary>
internal sealed record ServiceRegistration(RegisteredService Service, IReadOnlyList<RegisteredCheck> Checks);

/// <summary>Validates registrations with Consul's rules and messages, and applies the agent's defaults.</summary>
internal sealed class Registrations(DiscoveryOptions options, TimeProvider time)
{
    public (ServiceRegistration? Registration, RegistryError? Error) Read(ServiceDefinitionJson body)
    {
        var name = body.Name ?? "";
        if (name.Length == 0)
        {
            return Refuse("Missing service name");
        }

        if (ServiceMeta.Validate(body.Meta) is { } invalidMeta)
        {
            return Refuse($"Invalid Service Meta: {invalidMeta}");
        }

        var weights = body.Weights is null or { Passing: 0, Warning: 0 } ? ServiceWeights.Default : new ServiceWeights(body.Weights.Passing, body.Weights.Warning);
        if (weights.Passing < 1 || weights.Warning < 0)
        {
            return Refuse(weights.Passing < 1 ? "Invalid Weights: Passing must be greater than 0" : "Invalid Weights: Warning must be greater or equal than 0");
        }

        var address = body.Address ?? "";
        if (IPAddress.TryParse(address, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)))
        {
            return Refuse("Invalid service address");
        }

        var id = string.IsNullOrEmpty(body.Id) ? name : body.Id;
        var definitions = new[] { body.Check }.Concat(body.Checks ?? []).OfType<CheckTypeJson>().Where(check => !CheckRules.IsEmpty(check)).ToList();
        var checks = new List<RegisteredCheck>();
        foreach (var (definition, position) in definitions.Select((definition, position) => (definition, position)))
        {
            var checkId = !string.IsNullOrEmpty(definition.CheckId) ? definition.CheckId
                : definitions.Count > 1 ? $"service:{id}:{position + 1}" : $"service:{id}";
            var (check, error) = BuildCheck(definition, checkId, definition.Name ?? $"Service '{name}' check", id);
            if (error is not null)
            {
                return (null, error);
            }

            checks.Add(check!);
        }

        var service = new RegisteredService(
            // Go decodes a JSON null inside a list or map as the zero value, "".
            id, name, [.. (body.Tags ?? []).Select(tag => tag ?? "")], address, body.Port,
            (body.Meta ?? []).ToImmutableSortedDictionary(pair => pair.Key, pair => pair.Value ?? "", StringComparer.Ordinal),
            TaggedAddresses(body, address), weights, body.EnableTagOverride);
        return (new ServiceRegistration(service, checks), null);
    }

    public (RegisteredCheck? Check, RegistryError? Error) Read(CheckDefinitionJson body)
    {
        if (string.IsNullOrEmpty(body.Name))
        {
            return (null, new RegistryError(StatusCodes.Status400BadRequest, "Missing check name"));
        }

        var checkId = !string.IsNullOrEmpty(body.Id) ? body.Id : !string.IsNullOrEmpty(body.CheckId) ? body.CheckId : body.Name;
        return BuildCheck(body, checkId, body.Name, body.ServiceId ?? "");
    }

    private (RegisteredCheck? Check, RegistryError? Error) BuildCheck(CheckTypeJson body, string checkId, string name, string serviceId)
    {
        if (body.Status is { Length: > 0 } status && !CheckStatus.IsValid(status))
        {
            return (null, new RegistryError(StatusCodes.Status400BadRequest, "Status for checks must 'passing', 'warning', 'critical'"));
        }

        if (CheckRules.Validate(body) is { } error)
        {
            return (null, error);
        }

        var initial = string.IsNullOrEmpty(body.Status) ? CheckStatus.Critical : body.Status;
        var definition = new CheckDefinition
        {
            Http = body.Http ?? "",
            Method = body.Method ?? "",
            Header = (body.Header ?? []).ToImmutableSortedDictionary(pair => pair.Key, pair => pair.Value.ToImmutableArray(), StringComparer.Ordinal),
            Body = body.Body ?? "",
            DisableRedirects = body.DisableRedirects,
            TlsSkipVerify = body.TlsSkipVerify,
            Tcp = body.Tcp ?? "",
            Interval = body.Interval > TimeSpan.Zero && body.Interval < options.MinimumCheckInterval ? options.MinimumCheckInterval : body.Interval,
            Timeout = body.Timeout,
            Ttl = body.Ttl,
            DeregisterCriticalServiceAfter = body.DeregisterCriticalServiceAfter,
            SuccessBeforePassing = body.SuccessBeforePassing,
            FailuresBeforeWarning = body.FailuresBeforeWarning,
            FailuresBeforeCritical = body.FailuresBeforeCritical,
            OutputMaxSize = body.OutputMaxSize > 0 ? body.OutputMaxSize : 4096,
        };
        var check = new RegisteredCheck(checkId, name, initial, body.Notes ?? "", "", serviceId, definition.Type, definition)
        {
            CriticalSince = initial == CheckStatus.Critical ? time.GetUtcNow() : null,
        };
        return (check, null);
    }

    // As Consul's agent does, an IP literal address also becomes the lan/wan tagged address of its family.
    private static ImmutableSortedDictionary<string, ServiceAddress> TaggedAddresses(ServiceDefinitionJson body, string address)
    {
        var tagged = (body.TaggedAddresses ?? [])
            .ToImmutableSortedDictionary(pair => pair.Key, pair => new ServiceAddress(pair.Value.Address ?? "", pair.Value.Port), StringComparer.Ordinal);
        if (!IPAddress.TryParse(address, out var ip))
        {
            return tagged;
        }

        var family = ip.AddressFamily == AddressFamily.InterNetworkV6 ? "ipv6" : "ipv4";
        foreach (var prefix in (string[])["lan", "wan"])
        {
            tagged = tagged.ContainsKey($"{prefix}_{family}") ? tagged : tagged.Add($"{prefix}_{family}", new ServiceAddress(address, body.Port));
        }

        return tagged;
    }

    private static (ServiceRegistration?, RegistryError?) Refuse(string message) =>
        (null, new RegistryError(StatusCodes.Status400BadRequest, message));
}
