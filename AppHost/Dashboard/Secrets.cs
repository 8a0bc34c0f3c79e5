using System.Security.Cryptography;
using System.Text;

namespace Exam3.Dashboard;

/// <summary>Compares a presented token or key with the expected one in time that does not leak how much matched.</summary>
internal static class Secrets
{
    public static bool AreEqual(string? presented, string expected) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
