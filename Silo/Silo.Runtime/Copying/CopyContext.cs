namespace Silo.Runtime.Copying;

/// <summary>The copies made so far in one copy operation, so shared objects stay shared and cycles terminate.</summary>
sealed class CopyContext
{
    readonly Dictionary<object, object> _copies = new(ReferenceEqualityComparer.Instance);

    public void Record(object original, object copy) => _copies[original] = copy;

    public bool TryGetCopy(object original, out object copy) => _copies.TryGetValue(original, out copy!);
}
