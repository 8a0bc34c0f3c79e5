namespace Exam3.Discovery.Registry;

/// <summary>
/// Writes through /v1/catalog/register and /deregister: entries of this node's catalog that the agent does not manage.
/// The node's own `consul` service and serfHealth check belong to the agent and are left alone.
/// </summary>
internal sealed partial record RegistryState
{
    /// <summary>
    /// Registers a service and checks straight into the catalog, statuses as given (Consul's ensureCheckTxn defaults a
    /// missing one to critical). Nothing runs the checks: the catalog only records them.
    /// </summary>
    public Change RegisterInCatalog(RegisteredService? service, IReadOnlyList<RegisteredCheck> checks)
    {
        var write = new PendingWrite(this);
        if (service is not null && !IsAgentOwn(service.Id))
        {
            var previous = Services.GetValueOrDefault(service.Id);
            if (previous is null || !previous.SameDefinitionAs(service))
            {
                write.Services = write.Services.SetItem(service.Id, service with
                {
                    CreateIndex = previous?.CreateIndex ?? write.Index,
                    ModifyIndex = write.Index,
                    Internal = previous?.Internal ?? true,
                });
                write.ServicesChanged = true;
                write.Touched.UnionWith([service.Name, previous?.Name ?? service.Name]);
            }
        }

        foreach (var check in checks.Where(check => check.CheckId != RegisteredCheck.SerfHealthId))
        {
            if (check.ServiceId.Length > 0 && !write.Services.ContainsKey(check.ServiceId))
            {
                return Change.Fail(this, StatusCodes.Status500InternalServerError, "Missing service registration");
            }

            var old = write.Checks.GetValueOrDefault(check.CheckId);
            if (Upsert(ref write.Checks, check with { Internal = old?.Internal ?? true }, old, write.Index))
            {
                write.ChecksChanged = true;
                write.Touched.UnionWith(check.ServiceId.Length > 0 ? [write.Services[check.ServiceId].Name] : ServiceNameIndexes.Keys);
            }
        }

        return write.Commit(this);
    }

    /// <summary>
    /// Removes a service and its checks, a check, or, given neither, every entry of the node but the agent's own.
    /// Removing what is not there succeeds, as in Consul.
    /// </summary>
    public Change DeregisterFromCatalog(string serviceId, string checkId)
    {
        var everything = serviceId.Length == 0 && checkId.Length == 0;
        var doomedServices = Services.Keys.Where(id => !IsAgentOwn(id) && (everything || id == serviceId)).ToList();
        var doomedChecks = Checks.Values
            .Where(check => check.CheckId != RegisteredCheck.SerfHealthId
                && (everything || check.CheckId == checkId || doomedServices.Contains(check.ServiceId)))
            .ToList();
        if (doomedServices.Count == 0 && doomedChecks.Count == 0)
        {
            return new Change(this);
        }

        var touched = doomedServices.Select(id => Services[id].Name)
            .Concat(doomedChecks.SelectMany(NamesOf));
        return new Change(Commit(Index + 1, Services.RemoveRange(doomedServices), Checks.RemoveRange(doomedChecks.Select(check => check.CheckId)),
            touched, doomedServices.Count > 0, doomedChecks.Count > 0));
    }

    private static bool IsAgentOwn(string serviceId) => serviceId == ConsulServiceId;
}
