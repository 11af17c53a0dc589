using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Flattr.Web.Api.OAuth;

/// <summary>
/// OpenIddict's EF Core stores on PostgreSQL. The tables are created by the SQL migration Grains/Schema/0350 (the app applies
/// SQL migrations, never EF ones): <c>oauth_authorizations</c>, <c>oauth_tokens</c> and <c>oauth_scopes</c>, and
/// <c>oauth_clients</c>, a read-only view of the applications users register (<c>oauth_apps</c>), which stay the one record
/// of a client: OpenIddict only reads them.
/// </summary>
public sealed class OAuthDbContext(DbContextOptions<OAuthDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict();
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreApplication>().ToTable("oauth_clients");
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreAuthorization>().ToTable("oauth_authorizations");
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreScope>().ToTable("oauth_scopes");
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreToken>().ToTable("oauth_tokens");
    }
}
