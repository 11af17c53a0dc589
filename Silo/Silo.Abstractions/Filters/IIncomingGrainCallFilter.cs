namespace Silo.Filters;

/// <summary>Runs around every grain call in the silo (registered in DI), or around calls to a grain that implements it.</summary>
public interface IIncomingGrainCallFilter
{
    Task Invoke(IGrainCallContext context);
}
