using Orleans;

namespace Flattr.Clicks;

/// <summary>
/// The batch a click was written in failed and was rolled back as a whole: nothing of it was recorded, so
/// the caller may retry (a retried click that had in fact been recorded comes back as a duplicate). It crosses grain
/// calls (the wallet does not catch it); its database cause stays in the silo (see <c>DatabaseErrorsFilter</c>).
/// </summary>
[GenerateSerializer, Alias("Flattr.ClickBatchFailedException")]
public sealed class ClickBatchFailedException : Exception
{
    public ClickBatchFailedException(int batchSize, Exception innerException)
        : base(Describe(batchSize), innerException)
        => BatchSize = batchSize;

    public ClickBatchFailedException()
        : base("The click batch failed and was rolled back.")
    {
    }

    public ClickBatchFailedException(string message)
        : base(message)
    {
    }

    public ClickBatchFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    ClickBatchFailedException(int batchSize, string message)
        : base(message)
        => BatchSize = batchSize;

    [Id(0)]
    public int BatchSize { get; }

    /// <summary>The same failure without its cause, for a caller on the other side of a grain call.</summary>
    internal ClickBatchFailedException WithoutCause() => new(BatchSize, Message);

    static string Describe(int batchSize) =>
        $"The click batch ({batchSize} writes) failed and was rolled back; nothing of it was recorded. Retry the click.";
}
