namespace Exam3.Discovery.Api;

/// <summary>Reads a request body up to the configured limit and decodes it as Consul does.</summary>
internal sealed class RequestBody(IOptions<DiscoveryOptions> options)
{
    public int Limit => options.Value.MaxRequestBodyBytes;

    /// <summary>The body's bytes, or null when it is larger than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Decodes a JSON body into <typeparamref name="T"/>, or the 400/413 to answer.</summary>
    public async Task<(T? Value, IResult? Failure)> DecodeAsync<T>(HttpRequest request) where T : class, new()
    {
        var bytes = await ReadAsync(request, Limit);
        if (bytes is null)
        {
            return (null, TooLarge(Limit));
        }

        return ConsulJsonDecoder.TryDecode<T>(bytes, out var value, out var error)
            ? (value, null)
            : (null, ConsulResults.BadRequest($"Request decode failed: {error}"));
    }

    public static IResult TooLarge(int limit) =>
        ConsulResults.Error(StatusCodes.Status413RequestEntityTooLarge, $"Request body too large, max size: {limit} bytes");
}
