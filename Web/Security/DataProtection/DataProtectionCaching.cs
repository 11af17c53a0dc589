using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Flattr.Web.Security.DataProtection;

public static class DataProtectionCaching
{
    /// <summary>
    /// Puts <see cref="CachingDataProtectionProvider"/> in front of the registered data protection provider, so the session
    /// cookie and antiforgery tokens (both read through it) are decrypted once per couple of minutes, not on every request.
    /// </summary>
    public static IServiceCollection AddUnprotectCache(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddDataProtection();
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IDataProtectionProvider) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("AddDataProtection registered no IDataProtectionProvider.");
        services.TryAddSingleton(sp => new UnprotectedPayloadCache(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.Replace(ServiceDescriptor.Singleton<IDataProtectionProvider>(sp =>
            new CachingDataProtectionProvider(Create(sp, registered), sp.GetRequiredService<UnprotectedPayloadCache>())));
        return services;
    }

    static IDataProtectionProvider Create(IServiceProvider services, ServiceDescriptor registered) => registered switch
    {
        { ImplementationInstance: IDataProtectionProvider instance } => instance,
        { ImplementationFactory: { } factory } => (IDataProtectionProvider)factory(services),
        { ImplementationType: { } type } => (IDataProtectionProvider)ActivatorUtilities.CreateInstance(services, type),
        _ => throw new InvalidOperationException($"Cannot build the registered {registered}."),
    };
}
