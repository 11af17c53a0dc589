namespace Flattr.Money;

/// <summary>
/// A request broke a money rule; nothing was changed. <see cref="Code"/> is one of <see cref="ErrorCodes"/>.
/// </summary>
public sealed class MoneyRuleException : Exception
{
    public MoneyRuleException(string code, string message)
        : base(message) => Code = code;

    public MoneyRuleException(string code, string message, Exception innerException)
        : base(message, innerException) => Code = code;

    public MoneyRuleException()
        : this(ErrorCodes.InvalidParameters, "A money rule was broken.")
    {
    }

    public MoneyRuleException(string message)
        : this(ErrorCodes.InvalidParameters, message)
    {
    }

    public MoneyRuleException(string message, Exception innerException)
        : this(ErrorCodes.InvalidParameters, message, innerException)
    {
    }

    public string Code { get; }
}
