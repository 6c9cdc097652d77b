using System.Text;

namespace Staffono.Skills.Shop;

/// <summary>
/// Whether what a customer typed is the phone or e-mail on an order. Phones compare by their last ten
/// digits, so "+7 (916) 123-45-67", "89161234567" and "916 123 45 67" are one number; e-mails compare
/// case-insensitively and without surrounding spaces.
/// </summary>
public static class ContactMatch
{
    public static bool Matches(Order order, string? given)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (Normalize(given) is not { } typed)
        {
            return false;
        }

        return typed == Normalize(order.Phone) || typed == Normalize(order.Email);
    }

    /// <summary>The comparable form: "phone:9161234567" or "email:anna@example.com"; null when it is neither.</summary>
    public static string? Normalize(string? contact)
    {
        if (string.IsNullOrWhiteSpace(contact))
        {
            return null;
        }

        var trimmed = contact.Trim();
        if (trimmed.Contains('@', StringComparison.Ordinal))
        {
            return "email:" + trimmed.ToLowerInvariant();
        }

        var digits = new StringBuilder();
        foreach (var c in trimmed)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (!(c is ' ' or '-' or '(' or ')' or '+' or '.'))
            {
                return null;
            }
        }

        return digits.Length >= 10 ? "phone:" + digits.ToString(digits.Length - 10, 10) : null;
    }
}
