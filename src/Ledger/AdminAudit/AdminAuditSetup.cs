using Ledger.Hosting;

namespace Ledger.AdminAudit;

public static class AdminAuditSetup
{
    /// <summary>The trail's table (created at start when missing) for <see cref="AdminAuditEndpoint"/>.</summary>
    public static WebApplicationBuilder AddAdminAudit(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(LedgerHost.ConnectionStringName)!;
        builder.Services.AddSingleton(AdminAuditTable.For(connectionString));
        builder.Services.AddHostedService(services => services.GetRequiredService<AdminAuditTable>());
        return builder;
    }
}
