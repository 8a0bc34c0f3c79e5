namespace Exam3.Hosting.Orchestration;

/// <summary>Echoes a replica's console line in the terminal, prefixed by its name in a colour of its own.</summary>
internal static class TerminalEcho
{
    private static readonly ConsoleColor[] Colors =
        [ConsoleColor.Cyan, ConsoleColor.Green, ConsoleColor.Yellow, ConsoleColor.Magenta, ConsoleColor.Blue, ConsoleColor.DarkCyan];

    private static readonly Lock Lock = new();

    public static void Write(string replicaName, ConsoleLine line)
    {
        lock (Lock)
        {
            Console.ForegroundColor = Colors[(int)((uint)StableHash(replicaName) % Colors.Length)];
            Console.Out.Write($"{replicaName,-20}| ");
            Console.ResetColor();
            Console.Out.WriteLine(line.Text);
        }
    }

    // string.GetHashCode is randomised per process; a replica should keep its colour from run to run.
    private static int StableHash(string text) => text.Aggregate(17, (hash, character) => unchecked((hash * 31) + character));
}
