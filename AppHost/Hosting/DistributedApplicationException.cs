namespace Exam3.Hosting;

/// <summary>The distribution cannot start or a wait failed; the message says why and what to change.</summary>
public sealed class DistributedApplicationException : Exception
{
    public DistributedApplicationException()
    {
    }

    public DistributedApplicationException(string message) : base(message)
    {
    }

    public DistributedApplicationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
