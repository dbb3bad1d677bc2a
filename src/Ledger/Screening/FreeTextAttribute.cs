namespace Ledger.Screening;

/// <summary>
/// A free-text field (a reason, a description, a note): line breaks and tabs allowed, at most
/// <see cref="Parse.MaxTextLength"/> characters unless a <c>[MaxLength]</c> says otherwise. Every other string field of a
/// request model is one line, at most <see cref="Parse.MaxIdLength"/> characters unless a <c>[MaxLength]</c> says otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FreeTextAttribute : Attribute;
