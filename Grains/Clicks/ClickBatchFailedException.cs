namespace Flattr.Clicks;

/// <summary>
/// The batch a click was written in failed and was rolled back as a whole: nothing of it was recorded, so
/// the caller may retry (a retried click that had in fact been recorded comes back as a duplicate).
/// </summary>
public sealed class ClickBatchFailedException : Exception
{
    public ClickBatchFailedException(int batchSize, Exception innerException)
        : base($"The click batch ({batchSize} writes) failed and was rolled back; nothing of it was recorded. Retry the click.", innerException)
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

    public int BatchSize { get; }
}
