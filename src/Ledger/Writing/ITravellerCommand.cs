namespace Ledger.Writing;

/// <summary>A message on one traveller's stream (the scheduled warning check). Its handler runs in the aggregate handler workflow.</summary>
public interface ITravellerCommand
{
    Guid TravellerId { get; }
    Recording Recording { get; }
}
