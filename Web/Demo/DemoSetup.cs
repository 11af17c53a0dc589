using Flattr.Web.Hosting;

namespace Flattr.Web.Demo;

public static class DemoSetup
{
    /// <summary>In demo mode: sample data on start and a gentle stream of simulated clicks (and the mail outbox page).</summary>
    public static IServiceCollection AddFlattrDemo(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        if (configuration.GetValue<bool>(DemoOptions.Section + ":Enabled"))
        {
            services.PostConfigure<FlattrWebOptions>(options => options.ShowOutbox = true);
            services.AddSingleton<DemoData>();
            services.AddHostedService<DemoClicks>();
        }

        return services;
    }

    /// <summary>Turns the run command's <c>--demo</c> flag into configuration (<c>Flattr:Demo:Enabled=true</c>).</summary>
    public static string[] TranslateDemoFlag(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return [.. args.Select(a => a == "--demo" ? "--" + DemoOptions.Section + ":Enabled=true" : a)];
    }
}
