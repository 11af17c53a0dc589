namespace Silo.Runtime.Activation;

/// <summary>Creating → Activating → Valid → Deactivating → Invalid. Calls queue while creating and activating.</summary>
enum ActivationState
{
    Creating,
    Activating,
    Valid,
    Deactivating,
    Invalid,
}
