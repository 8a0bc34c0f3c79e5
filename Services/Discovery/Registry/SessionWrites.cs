namespace Exam3.Discovery.Registry;

/// <summary>Sessions (Consul's state/session.go): create, renew and destroy, with the release or delete of held keys.</summary>
internal sealed partial record RegistryState
{
    /// <summary>
    /// Creates a session at the next index. As Consul's state store does, the node must exist and every check the
    /// session names must exist and not be critical (the texts are Consul's; its HTTP API answers them with a 500).
    /// </summary>
    public Change CreateSession(RegisteredSession session)
    {
        if (session.Node != Node.Name)
        {
            return Change.Fail(this, StatusCodes.Status500InternalServerError, "Missing node registration");
        }

        foreach (var checkId in session.CheckIds)
        {
            if (!Checks.TryGetValue(checkId, out var check))
            {
                return Change.Fail(this, StatusCodes.Status500InternalServerError, $"Missing check '{checkId}' registration");
            }

            if (check.Status == CheckStatus.Critical)
            {
                return Change.Fail(this, StatusCodes.Status500InternalServerError, $"Check '{checkId}' is in critical state");
            }
        }

        var index = Index + 1;
        return new Change(this with
        {
            Index = index,
            SessionsIndex = index,
            Sessions = Sessions.SetItem(session.Id, session with { CreateIndex = index, ModifyIndex = index }),
        });
    }

    /// <summary>Starts a TTL session's time again; readers see nothing new, so the index stays.</summary>
    public Change RenewSession(string id, DateTimeOffset expiresAt) =>
        Sessions.TryGetValue(id, out var session) && session.ExpiresAt is not null
            ? new Change(this with { Sessions = Sessions.SetItem(id, session with { ExpiresAt = expiresAt }) })
            : new Change(this);

    /// <summary>
    /// Ends a session: its locks are released, or its keys deleted, as its behaviour says, and each of those keys stays
    /// unlockable for the session's lock delay (capped at <see cref="MaxLockDelay"/>). An unknown session changes nothing.
    /// </summary>
    public Change DestroySession(string id, DateTimeOffset now)
    {
        if (!Sessions.TryGetValue(id, out var session))
        {
            return new Change(this);
        }

        var index = Index + 1;
        var state = this with { Index = index, SessionsIndex = index, Sessions = Sessions.Remove(id) };
        var held = Kv.Values.Where(entry => entry.Session == id).ToList();
        foreach (var entry in held)
        {
            state = session.Behavior == SessionBehavior.Delete
                ? state.DeleteKey(entry.Key, index).State
                : state.UnlockKey(entry.Key, entry.Value, entry.Flags, id, index).State;
        }

        var delay = session.LockDelay < MaxLockDelay ? session.LockDelay : MaxLockDelay;
        if (delay <= TimeSpan.Zero || held.Count == 0)
        {
            return new Change(state);
        }

        var delays = state.LockDelays.RemoveRange(state.LockDelays.Where(pair => pair.Value <= now).Select(pair => pair.Key));
        return new Change(state with { LockDelays = delays.SetItems(held.Select(entry => KeyValuePair.Create(entry.Key, now + delay))) });
    }

    /// <summary>
    /// The sessions Consul would invalidate now: a TTL run out, or a check they name gone or critical. The reaper
    /// destroys them; until it does, they still hold their locks.
    /// </summary>
    public IEnumerable<RegisteredSession> SessionsToInvalidate(DateTimeOffset now) =>
        Sessions.Values.Where(session =>
            session.ExpiresAt <= now
            || session.CheckIds.Any(checkId => !Checks.TryGetValue(checkId, out var check) || check.Status == CheckStatus.Critical));

    /// <summary>The next time a session's TTL runs out, if any has one.</summary>
    public DateTimeOffset? NextSessionExpiry =>
        Sessions.Values.Select(session => session.ExpiresAt).Where(at => at is not null).Min();
}
