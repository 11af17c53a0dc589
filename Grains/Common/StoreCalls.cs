using Flattr.Money;

namespace Flattr.Common;

/// <summary>The ledger stores speak <see cref="MoneyRuleException"/>; grains speak <see cref="FlattrException"/> with the same codes.</summary>
static class StoreCalls
{
    public static async Task<T> Translated<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (MoneyRuleException e)
        {
            throw new FlattrException(e.Code, e.Message, e);
        }
    }
}
