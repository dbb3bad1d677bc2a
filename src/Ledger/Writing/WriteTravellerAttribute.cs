using Wolverine.Marten;

namespace Ledger.Writing;

/// <summary>
/// The traveller's stream for a write endpoint, in Wolverine's aggregate handler workflow: fetched by the route's
/// <c>{id}</c> for <b>exclusive</b> writing (Marten's <c>FetchForExclusiveWriting</c>: a row lock on the stream held to
/// commit), so concurrent writers on one traveller queue behind each other instead of failing with 409s; the events the
/// endpoint returns are appended in the same transaction. A missing traveller is not Wolverine's bare 404: the endpoint
/// answers it with problem details (<see cref="TravellerWrite.Open"/>), after its own 400/403 checks.
/// </summary>
public sealed class WriteTravellerAttribute : WriteAggregateAttribute
{
    public WriteTravellerAttribute() : base("id")
    {
        Required = false;
        LoadStyle = ConcurrencyStyle.Exclusive;
    }
}
