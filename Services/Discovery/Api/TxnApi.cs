namespace Exam3.Discovery.Api;

/// <summary>/v1/txn: several KV operations applied atomically at one index, with Consul's result and error shapes.</summary>
internal static class TxnApi
{
    /// <summary>Consul's maxTxnOps (64 before 1.8; the docs now say "up to 128 operations").</summary>
    public const int MaxOperations = 128;

    public static IEndpointRouteBuilder MapTxnApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1").WithTags("Txn").MapConsulPut("/txn", ApplyAsync)
            .WithName("txn").WithSummary("Applies KV operations atomically: all of them or, with 409 and every failure, none.");
        return app;
    }

    private static async Task<IResult> ApplyAsync(HttpContext http, ConsulRegistry registry, TimeProvider time)
    {
        var bytes = await RequestBody.ReadAsync(http.Request, KvApi.MaxValueBytes);
        if (bytes is null)
        {
            return RequestBody.TooLarge(KvApi.MaxValueBytes);
        }

        if (!ConsulJsonDecoder.TryDecode<List<TxnOpJson?>>(bytes, out var ops, out var invalid))
        {
            return ConsulResults.BadRequest($"Failed to parse body: {invalid}");
        }

        if (ops.Count > MaxOperations)
        {
            return ConsulResults.Error(StatusCodes.Status413RequestEntityTooLarge, $"Transaction contains too many operations ({ops.Count} > {MaxOperations})");
        }

        var operations = new List<KvOperation>();
        var refused = new List<TransactionError>();
        foreach (var (op, position) in ops.Select((op, position) => (op, position)))
        {
            if (op?.Kv is not { } kv)
            {
                // Consul runs node, service and check operations too; this registry's catalog is its agent's, so it does not.
                refused.Add(new TransactionError(position, op is null || (op.Node is null && op.Service is null && op.Check is null)
                    ? "no operation specified"
                    : "only KV operations are supported by this registry (Node, Service and Check are not)"));
                continue;
            }

            if (!TryDecodeValue(kv.Value, out var value, out var corrupt))
            {
                return ConsulResults.BadRequest($"Failed to parse body: {corrupt}");
            }

            if (!value.IsDefault && value.Length > KvApi.MaxValueBytes)
            {
                return ConsulResults.Error(StatusCodes.Status413RequestEntityTooLarge,
                    $"Value for key {GoText.Quote(kv.Key ?? "")} is too large ({value.Length} > {KvApi.MaxValueBytes} bytes)");
            }

            operations.Add(new KvOperation(kv.Verb ?? "", kv.Key ?? "", value, kv.Flags, (long)Math.Min(kv.Index, long.MaxValue), kv.Session ?? ""));
        }

        var readOnly = refused.Count == 0 && operations.All(operation => !operation.IsWrite);
        if (refused.Count > 0)
        {
            return Respond(http, [], refused, readOnly);
        }

        var outcome = default(TransactionOutcome);
        registry.Apply(state =>
        {
            outcome = state.ApplyTransaction(operations, time.GetUtcNow());
            return new Change(outcome.State);
        });
        return Respond(http, outcome!.Results, outcome.Errors, readOnly);
    }

    // A transaction of reads only is served as a query: Consul adds the query metadata to the body and two headers.
    private static IResult Respond(HttpContext http, IReadOnlyList<KvEntry> results, IReadOnlyList<TransactionError> errors, bool readOnly)
    {
        var status = errors.Count > 0 ? StatusCodes.Status409Conflict : StatusCodes.Status200OK;
        var resultViews = errors.Count > 0 ? null : results.Select(entry => new TxnResultView(ConsulViews.KvView(entry))).ToList();
        var errorViews = errors.Count > 0 ? errors.Select(error => new TxnErrorView(error.OpIndex, error.What)).ToList() : null;
        if (!readOnly)
        {
            return ConsulResults.Json(new TxnResponseView(resultViews, errorViews), status);
        }

        http.Response.Headers[ConsulResults.KnownLeaderHeader] = "true";
        http.Response.Headers[ConsulResults.LastContactHeader] = "0";
        return ConsulResults.Json(new TxnReadResponseView(resultViews, errorViews, 0, 0, true, "", false, 0, false), status);
    }

    // Go decodes a []byte from base64 and answers a bad one with its CorruptInputError.
    private static bool TryDecodeValue(string? text, out ImmutableArray<byte> value, out string? error)
    {
        value = default;
        error = null;
        if (text is null)
        {
            return true;
        }

        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            value = ImmutableArray.Create(buffer, 0, written);
            return true;
        }

        var bad = text.TakeWhile(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/').Count();
        error = $"illegal base64 data at input byte {bad}";
        return false;
    }
}
