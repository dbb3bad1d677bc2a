using Ledger.Projections.Presence;
using Ledger.Projections.TravelAuthorisations;

namespace Ledger.TravelAuthorisations;

/// <summary>Host wiring of travel authorisations and presence goals: their data is validated at start-up (a bad file stops the host).</summary>
public static class TravelAuthorisationSetup
{
    public static WebApplicationBuilder AddTravelAuthorisations(this WebApplicationBuilder builder)
    {
        _ = TravelAuthorisationSchemes.Default;
        _ = PresenceGoals.Default;
        return builder;
    }
}
