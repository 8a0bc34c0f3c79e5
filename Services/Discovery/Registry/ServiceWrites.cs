namespace Exam3.Discovery.Registry;

/// <summary>Writes to services and checks. Each is pure: it returns a new state (one index higher) or this one unchanged.</summary>
internal sealed partial record RegistryState
{
    public const string DefaultMaintenanceReason =
        "Maintenance mode is enabled for this service, but no reason was provided. This is a default message.";

    public const string DefaultNodeMaintenanceReason =
        "Maintenance mode is enabled for this node, but no reason was provided. This is a default message.";

    public static string UnknownServiceMessage(string id) =>
        $"Unknown service ID \"{id}\". Ensure that the service ID is passed, not the service name.";

    public static string UnknownCheckMessage(string id) =>
        $"Unknown check ID \"{id}\". Ensure that the check ID is passed, not the check name.";

    /// <summary>
    /// Registers or updates an instance with its checks. As Consul's agent does, a check that already exists keeps its
    /// status and output, and with <paramref name="replaceExistingChecks"/> the instance's checks left out are removed.
    /// </summary>
    public Change RegisterService(RegisteredService service, IReadOnlyList<RegisteredCheck> checks, bool replaceExistingChecks)
    {
        var write = new PendingWrite(this);
        var previous = Services.GetValueOrDefault(service.Id);
        if (previous is null || previous.Internal || !previous.SameDefinitionAs(service))
        {
            write.Services = write.Services.SetItem(service.Id, service with { CreateIndex = previous?.CreateIndex ?? write.Index, ModifyIndex = write.Index });
            write.ServicesChanged = true;
            write.Touched.Add(service.Name);
            if (previous is not null)
            {
                write.Touched.Add(previous.Name);
            }
        }

        foreach (var check in checks)
        {
            var old = write.Checks.GetValueOrDefault(check.CheckId);
            var restored = old is null ? check : check with { Status = old.Status, Output = old.Output, CriticalSince = old.CriticalSince };
            write.ChecksChanged |= Upsert(ref write.Checks, restored, old, write.Index);
        }

        if (replaceExistingChecks)
        {
            var kept = checks.Select(check => check.CheckId).ToHashSet(StringComparer.Ordinal);
            var dropped = ChecksOf(service.Id)
                .Where(check => !kept.Contains(check.CheckId) && !check.CheckId.StartsWith(RegisteredCheck.MaintenancePrefix, StringComparison.Ordinal))
                .Select(check => check.CheckId)
                .ToList();
            write.Checks = write.Checks.RemoveRange(dropped);
            write.ChecksChanged |= dropped.Count > 0;
        }

        if (write.ChecksChanged)
        {
            write.Touched.Add(service.Name);
        }

        // Unchanged, a definition that differs only where readers cannot see still reaches the check runner.
        return write.Commit(this with { Checks = write.Checks });
    }

    /// <summary>Removes an instance and all its checks.</summary>
    public Change DeregisterService(string id)
    {
        if (!Services.TryGetValue(id, out var service) || service.Internal)
        {
            return Change.Fail(this, StatusCodes.Status404NotFound, UnknownServiceMessage(id));
        }

        var checks = ChecksOf(id).Select(check => check.CheckId).ToList();
        return new Change(Commit(Index + 1, Services.Remove(id), Checks.RemoveRange(checks), [service.Name], true, checks.Count > 0));
    }

    /// <summary>Registers a check on its own (PUT /v1/agent/check/register), for the node or for an existing instance.</summary>
    public Change RegisterCheck(RegisteredCheck check)
    {
        if (check.ServiceId.Length > 0 && !Services.ContainsKey(check.ServiceId))
        {
            return Change.Fail(this, StatusCodes.Status500InternalServerError, $"ServiceID \"{check.ServiceId}\" does not exist");
        }

        var index = Index + 1;
        var checks = Checks;
        var old = checks.GetValueOrDefault(check.CheckId);
        if (!Upsert(ref checks, check, old, index))
        {
            return new Change(this with { Checks = checks });
        }

        var touched = NamesOf(check).Concat(old is null ? [] : NamesOf(old));
        return new Change(Commit(index, Services, checks, touched, false, true));
    }

    public Change DeregisterCheck(string checkId)
    {
        if (!Checks.TryGetValue(checkId, out var check) || check.Internal)
        {
            return Change.Fail(this, StatusCodes.Status404NotFound, UnknownCheckMessage(checkId));
        }

        return new Change(Commit(Index + 1, Services, Checks.Remove(checkId), NamesOf(check), false, true));
    }

    /// <summary>
    /// Records a check's result. A change of status is a write every watcher sees; a change of output alone is kept
    /// without a new index, as Consul defers output-only updates to the catalog (check_update_interval).
    /// </summary>
    public Change UpdateCheck(string checkId, string status, string output, DateTimeOffset now)
    {
        if (!Checks.TryGetValue(checkId, out var check) || check.Internal)
        {
            return Change.Fail(this, StatusCodes.Status404NotFound, UnknownCheckMessage(checkId));
        }

        if (check.Status == status)
        {
            return check.Output == output
                ? new Change(this)
                : new Change(this with { Checks = Checks.SetItem(checkId, check with { Output = output }) });
        }

        var index = Index + 1;
        var updated = check with
        {
            Status = status,
            Output = output,
            ModifyIndex = index,
            CriticalSince = status == CheckStatus.Critical ? now : null,
        };
        return new Change(Commit(index, Services, Checks.SetItem(checkId, updated), NamesOf(check), false, true));
    }

    /// <summary>A TTL update (pass, warn, fail, update): only TTL checks take one, as in Consul.</summary>
    public Change UpdateTtlCheck(string checkId, string status, string output, DateTimeOffset now) =>
        Checks.TryGetValue(checkId, out var check) && !check.Internal && check.Type != "ttl"
            ? Change.Fail(this, StatusCodes.Status500InternalServerError, $"CheckID \"{checkId}\" does not have associated TTL")
            : UpdateCheck(checkId, status, output, now);

    /// <summary>Puts an instance into maintenance (a critical `_service_maintenance:` check) or takes it out.</summary>
    public Change SetMaintenance(string serviceId, bool enable, string reason)
    {
        if (!Services.TryGetValue(serviceId, out var service) || service.Internal)
        {
            return Change.Fail(this, StatusCodes.Status404NotFound, UnknownServiceMessage(serviceId));
        }

        var checkId = RegisteredCheck.MaintenancePrefix + serviceId;
        var enabled = Checks.ContainsKey(checkId);
        if (enable == enabled)
        {
            return new Change(this);
        }

        var index = Index + 1;
        var checks = enable
            ? Checks.Add(checkId, new RegisteredCheck(
                checkId, "Service Maintenance Mode", CheckStatus.Critical,
                reason.Length > 0 ? reason : DefaultMaintenanceReason, "", serviceId, RegisteredCheck.MaintenanceType, null)
            { CreateIndex = index, ModifyIndex = index })
            : Checks.Remove(checkId);
        return new Change(Commit(index, Services, checks, [service.Name], false, true));
    }

    /// <summary>Puts the whole node into maintenance (a critical `_node_maintenance` check every instance sees) or takes it out.</summary>
    public Change SetNodeMaintenance(bool enable, string reason)
    {
        if (enable == Checks.ContainsKey(RegisteredCheck.NodeMaintenanceId))
        {
            // As Consul's agent does, enabling it again keeps the first reason.
            return new Change(this);
        }

        var index = Index + 1;
        var checks = enable
            ? Checks.Add(RegisteredCheck.NodeMaintenanceId, new RegisteredCheck(
                RegisteredCheck.NodeMaintenanceId, "Node Maintenance Mode", CheckStatus.Critical,
                reason.Length > 0 ? reason : DefaultNodeMaintenanceReason, "", "", RegisteredCheck.MaintenanceType, null)
            { CreateIndex = index, ModifyIndex = index })
            : Checks.Remove(RegisteredCheck.NodeMaintenanceId);
        return new Change(Commit(index, Services, checks, ServiceNameIndexes.Keys, false, true));
    }

    /// <summary>Instances with a check critical for longer than its DeregisterCriticalServiceAfter (raised to <paramref name="minimum"/>).</summary>
    public IEnumerable<string> ServicesCriticalTooLong(DateTimeOffset now, TimeSpan minimum) =>
        Checks.Values
            .Where(check => check.Definition is { DeregisterCriticalServiceAfter: var after } && after > TimeSpan.Zero
                && check.CriticalSince is { } since
                && now - since > (after < minimum ? minimum : after))
            .Select(check => check.ServiceId)
            .Where(Services.ContainsKey)
            .Distinct();

    private static bool Upsert(ref ImmutableSortedDictionary<string, RegisteredCheck> checks, RegisteredCheck check, RegisteredCheck? old, long index)
    {
        if (old is not null && !old.Internal && old.SameVisibleFieldsAs(check))
        {
            // Only the definition may differ: the runner restarts with it, but readers see nothing new.
            checks = checks.SetItem(check.CheckId, check with { CreateIndex = old.CreateIndex, ModifyIndex = old.ModifyIndex });
            return false;
        }

        checks = checks.SetItem(check.CheckId, check with { CreateIndex = old?.CreateIndex ?? index, ModifyIndex = index });
        return true;
    }

    private IEnumerable<string> NamesOf(RegisteredCheck check) =>
        ServiceOf(check) is { } service ? [service.Name] : ServiceNameIndexes.Keys;

    private RegistryState Commit(
        long index,
        ImmutableSortedDictionary<string, RegisteredService> services,
        ImmutableSortedDictionary<string, RegisteredCheck> checks,
        IEnumerable<string> touchedNames,
        bool servicesChanged,
        bool checksChanged)
    {
        // As Consul's state store does, a name whose last instance went leaves the index table and moves the
        // service-extinction index instead: names that no longer exist hold no memory, however many came and went.
        var touched = touchedNames.Distinct().ToLookup(name => services.Values.Any(service => service.Name == name));
        return this with
        {
            Index = index,
            Services = services,
            Checks = checks,
            ServiceNameIndexes = ServiceNameIndexes.SetItems(touched[true].Select(name => KeyValuePair.Create(name, index))).RemoveRange(touched[false]),
            ServiceExtinctionIndex = touched[false].Any(ServiceNameIndexes.ContainsKey) ? index : ServiceExtinctionIndex,
            ServicesIndex = servicesChanged ? index : ServicesIndex,
            ChecksIndex = checksChanged ? index : ChecksIndex,
        };
    }
}
