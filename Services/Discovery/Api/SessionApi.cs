using System.Globalization;

namespace Exam3.Discovery.Api;

/// <summary>What the session handlers need, bundled so that each handler's signature stays short.</summary>
internal sealed record SessionDependencies(ConsulRegistry Registry, RequestBody Body, TimeProvider Time, IOptions<DiscoveryOptions> Options, ILogger<ConsulRegistry> Logger);

/// <summary>/v1/session: sessions that hold KV locks, bound to the node's checks and, optionally, a TTL. Reads block.</summary>
internal static class SessionApi
{
    /// <summary>Consul's structs.SessionTTLMax.</summary>
    public static readonly TimeSpan MaximumTtl = TimeSpan.FromHours(24);

    /// <summary>
    /// Consul's structs.SessionTTLMultiplier: a session ends twice its TTL after the last renewal, a grace period the
    /// docs promise ("not expired before the TTL") and its session_ttl.go applies.
    /// </summary>
    public const int TtlMultiplier = 2;

    private static readonly TimeSpan DefaultLockDelay = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/session").WithTags("Session");
        api.MapConsulPut("/create", CreateAsync).WithName("session-create").WithSummary("Creates a session on this node.");
        api.MapConsulPut("/destroy/{**uuid}", Destroy).WithName("session-destroy").WithSummary("Ends a session; its locks are released or its keys deleted.");
        api.MapConsulPut("/renew/{**uuid}", Renew).WithName("session-renew").WithSummary("Starts a TTL session's time again.");
        api.MapConsulGet("/info/{**uuid}", Read).WithName("session-info").WithSummary("One session, as a list of zero or one.");
        api.MapConsulGet("/node/{**node_name}", ListForNode).WithName("session-node").WithSummary("The sessions of a node.");
        api.MapConsulGet("/list", List).WithName("session-list").WithSummary("Every session.");
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, [AsParameters] SessionDependencies sessions)
    {
        // As Consul does, a body is read only when its length is announced.
        var body = new SessionBodyJson();
        if (http.Request.ContentLength > 0)
        {
            var (decoded, failure) = await sessions.Body.DecodeAsync<SessionBodyJson>(http.Request);
            if (failure is not null)
            {
                return failure;
            }

            body = decoded!;
        }

        var (session, refusal) = FromBody(body, sessions);
        if (refusal is not null)
        {
            return refusal;
        }

        var change = sessions.Registry.Apply(state => state.CreateSession(session!));
        if (change.Error is { } error)
        {
            return ConsulResults.Error(error.StatusCode, error.Message);
        }

        sessions.Logger.SessionCreated(session!.Id, session.Name, session.Behavior, session.Ttl);
        return ConsulResults.Json(new SessionCreatedView(session.Id));
    }

    private static IResult Destroy(PathSuffix id, [AsParameters] SessionDependencies sessions)
    {
        if (id.Value.Length == 0)
        {
            return ConsulResults.BadRequest("Missing session");
        }

        var existed = sessions.Registry.Current.Sessions.ContainsKey(id);
        sessions.Registry.Apply(state => state.DestroySession(id, sessions.Time.GetUtcNow()));
        if (existed)
        {
            sessions.Logger.SessionDestroyed(id, "destroyed");
        }

        // Consul answers true for an unknown session too: destroying is idempotent.
        return ConsulResults.Json(true);
    }

    private static IResult Renew(PathSuffix id, [AsParameters] SessionDependencies sessions)
    {
        if (id.Value.Length == 0)
        {
            return ConsulResults.BadRequest("Missing session");
        }

        var change = sessions.Registry.Apply(state =>
            state.Sessions.TryGetValue(id, out var session) && Ttl(session.Ttl) is { } ttl && ttl > TimeSpan.Zero
                ? state.RenewSession(id, sessions.Time.GetUtcNow() + (ttl * TtlMultiplier))
                : new Change(state));
        return change.State.Sessions.TryGetValue(id, out var renewed)
            ? ConsulResults.Json<SessionView[]>([ConsulViews.SessionView(renewed)])
            : ConsulResults.NotFound($"Session id '{id}' not found");
    }

    private static Task<IResult> Read(PathSuffix id, HttpContext http, ConsulRegistry registry) =>
        id.Value.Length == 0
            ? Task.FromResult(ConsulResults.BadRequest("Missing session"))
            : Answer(http, registry, session => session.Id == id.Value);

    private static Task<IResult> ListForNode(PathSuffix node, HttpContext http, ConsulRegistry registry) =>
        node.Value.Length == 0
            ? Task.FromResult(ConsulResults.BadRequest("Missing node name"))
            : Answer(http, registry, session => session.Node == node.Value);

    private static Task<IResult> List(HttpContext http, ConsulRegistry registry) => Answer(http, registry, _ => true);

    private static Task<IResult> Answer(HttpContext http, ConsulRegistry registry, Func<RegisteredSession, bool> wanted) =>
        BlockingQuery.AnswerAsync(http, registry, state =>
            (state.Sessions.Values.Where(wanted).Select(ConsulViews.SessionView).ToList(), state.SessionsIndex));

    /// <summary>A session from its body, with Consul's defaults (this node, serfHealth, 15s lock delay, release) and checks.</summary>
    private static (RegisteredSession? Session, IResult? Refusal) FromBody(SessionBodyJson body, SessionDependencies sessions)
    {
        if (!TryReadLockDelay(body.LockDelay, out var lockDelay, out var invalidDelay))
        {
            return (null, ConsulResults.BadRequest($"Request decode failed: {invalidDelay}"));
        }

        var behavior = string.IsNullOrEmpty(body.Behavior) ? SessionBehavior.Release : body.Behavior;
        if (behavior is not (SessionBehavior.Release or SessionBehavior.Delete))
        {
            return (null, ConsulResults.Error(StatusCodes.Status500InternalServerError, $"Invalid Behavior setting '{behavior}'"));
        }

        var ttlText = body.Ttl ?? "";
        var ttl = TimeSpan.Zero;
        if (ttlText.Length > 0 && !GoDuration.TryParse(ttlText, out ttl, out var invalidTtl))
        {
            return (null, ConsulResults.Error(StatusCodes.Status500InternalServerError, $"Session TTL '{ttlText}' invalid: {invalidTtl}"));
        }

        var minimum = sessions.Options.Value.SessionTtlMinimum;
        if (ttl != TimeSpan.Zero && (ttl < minimum || ttl > MaximumTtl))
        {
            // Go prints the duration with %d: nanoseconds.
            return (null, ConsulResults.Error(StatusCodes.Status500InternalServerError,
                string.Create(CultureInfo.InvariantCulture, $"Invalid Session TTL '{ttl.Ticks * 100}', must be between [{GoDuration.Format(minimum)}={GoDuration.Format(MaximumTtl)}]")));
        }

        var (checks, nodeChecks) = ChecksOf(body);
        var session = new RegisteredSession(
            Guid.NewGuid().ToString(), body.Name ?? "", string.IsNullOrEmpty(body.Node) ? sessions.Registry.Current.Node.Name : body.Node,
            lockDelay ?? DefaultLockDelay, behavior, ttlText, nodeChecks,
            [.. (body.ServiceChecks ?? []).Select(check => check.Id ?? "")], checks)
        {
            ExpiresAt = ttl > TimeSpan.Zero ? sessions.Time.GetUtcNow() + (ttl * TtlMultiplier) : null,
        };
        return (session, null);
    }

    // Consul's fixupEmptySessionChecks: `Checks: []` means no checks at all; the legacy default is folded into NodeChecks.
    private static (ImmutableArray<string> Checks, ImmutableArray<string> NodeChecks) ChecksOf(SessionBodyJson body)
    {
        ImmutableArray<string> serf = [RegisteredCheck.SerfHealthId];
        var checks = body.Checks is null ? serf : [.. body.Checks];
        var nodeChecks = body.NodeChecks is null ? serf : [.. body.NodeChecks];
        return checks.IsEmpty ? ([], [])
            : checks.SequenceEqual(serf) || nodeChecks.IsEmpty ? ([], nodeChecks)
            : (checks, nodeChecks);
    }

    private static bool TryReadLockDelay(JsonElement? raw, out TimeSpan? delay, out string? error)
    {
        delay = null;
        error = null;
        long nanoseconds;
        switch (raw?.ValueKind)
        {
            case JsonValueKind.String:
                if (!GoDuration.TryParse(raw.Value.GetString()!, out var parsed, out error))
                {
                    return false;
                }

                nanoseconds = parsed.Ticks * 100;
                break;
            case JsonValueKind.Number:
                nanoseconds = (long)raw.Value.GetDouble();
                break;
            default:
                return true;
        }

        // Consul reads small numbers as seconds: users send 15 meaning 15s, not 15ns. Its multiplication is Go's int64,
        // which wraps around rather than failing, and so is this one: any number makes a delay, capped when it is used.
        delay = GoDuration.FromNanoseconds(nanoseconds < 1000 ? unchecked(nanoseconds * 1_000_000_000) : nanoseconds);
        return true;
    }

    private static TimeSpan? Ttl(string text) => GoDuration.TryParse(text, out var ttl, out _) ? ttl : null;
}
