namespace Silo.Runtime.Scheduling;

/// <summary>How a unit of work may overlap with others on a non-reentrant activation.</summary>
enum InvokeKind
{
    /// <summary>Runs alone: no other exclusive or read-only work in progress.</summary>
    Exclusive,

    /// <summary>[ReadOnly]: overlaps with other read-only work, never with exclusive work.</summary>
    ReadOnly,

    /// <summary>[AlwaysInterleave] or an interleaving timer: overlaps with anything.</summary>
    Interleave,
}
