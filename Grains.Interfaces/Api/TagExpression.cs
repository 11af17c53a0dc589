using System.Collections.Immutable;
using System.Text;
using Orleans;

namespace Flattr.Api;

/// <summary>
/// A boolean expression over tags, Flattr API v2's <c>tags</c> search parameter, e.g. <c>game | games ! software</c>
/// (game or games, and not software) or <c>photo &amp; flickr ! illustrations</c>. As in the Sphinx syntax Flattr used,
/// <c>|</c> binds tightest, then <c>!</c> (not), then <c>&amp;</c> or plain juxtaposition (and); parentheses group, and a tag
/// with spaces or operator characters is written in double quotes. Tags compare lower-case.
/// </summary>
[Immutable]
public abstract record TagExpression
{
    public const int MaximumLength = 500;
    public const int MaximumTags = 20;
    const int MaximumDepth = 10;

    TagExpression()
    {
    }

    /// <summary>Parses an expression; <c>invalid_parameters</c> with the reason when it is not one.</summary>
    public static TagExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaximumLength)
        {
            throw Invalid($"A tag expression is at most {MaximumLength} characters.");
        }

        var parser = new Parser(Tokenise(text));
        var expression = parser.Query(depth: 0);
        if (!parser.AtEnd)
        {
            throw Invalid($"Unexpected '{parser.Current.Text}' in the tag expression.");
        }

        return expression;
    }

    /// <summary>The tags the expression mentions, each once.</summary>
    public ImmutableArray<string> Tags() => [.. Names().Distinct(StringComparer.Ordinal)];

    IEnumerable<string> Names() => this switch
    {
        Tag tag => [tag.Name],
        Not not => not.Operand.Names(),
        And and => and.Operands.SelectMany(o => o.Names()),
        Or or => or.Operands.SelectMany(o => o.Names()),
        _ => [],
    };

    /// <summary>Whether a thing with these (lower-case) tags matches.</summary>
    public bool Matches(IReadOnlyCollection<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return this switch
        {
            Tag tag => tags.Contains(tag.Name),
            Not not => !not.Operand.Matches(tags),
            And and => and.Operands.All(o => o.Matches(tags)),
            Or or => or.Operands.Any(o => o.Matches(tags)),
            _ => false,
        };
    }

    [Immutable]
    public sealed record Tag(string Name) : TagExpression;

    [Immutable]
    public sealed record Not(TagExpression Operand) : TagExpression;

    [Immutable]
    public sealed record And(ImmutableArray<TagExpression> Operands) : TagExpression;

    [Immutable]
    public sealed record Or(ImmutableArray<TagExpression> Operands) : TagExpression;

    static FlattrException Invalid(string message) => new(FlattrErrors.InvalidParameters, message);

    enum TokenKind
    {
        Tag,
        Or,
        Not,
        And,
        Open,
        Close,
        End,
    }

    readonly record struct Token(TokenKind Kind, string Text);

    static List<Token> Tokenise(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            TokenKind? single = c switch
            {
                '|' => TokenKind.Or,
                '!' => TokenKind.Not,
                '&' => TokenKind.And,
                '(' => TokenKind.Open,
                ')' => TokenKind.Close,
                _ => null,
            };
            if (single is { } kind)
            {
                tokens.Add(new Token(kind, c.ToString()));
                i++;
                continue;
            }

            var name = new StringBuilder();
            if (c == '"')
            {
                var close = text.IndexOf('"', i + 1);
                if (close < 0)
                {
                    throw Invalid("A quoted tag lacks its closing quote.");
                }

                name.Append(text, i + 1, close - i - 1);
                i = close + 1;
            }
            else
            {
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('|' or '!' or '&' or '(' or ')' or '"'))
                {
                    name.Append(text[i++]);
                }
            }

            var tag = name.ToString().Trim().ToLowerInvariant();
            if (tag.Length == 0)
            {
                throw Invalid("An empty tag in the tag expression.");
            }

            tokens.Add(new Token(TokenKind.Tag, tag));
        }

        if (tokens.Count(t => t.Kind == TokenKind.Tag) > MaximumTags)
        {
            throw Invalid($"A tag expression names at most {MaximumTags} tags.");
        }

        tokens.Add(new Token(TokenKind.End, "end"));
        return tokens;
    }

    sealed class Parser(List<Token> tokens)
    {
        int _position;

        public Token Current => tokens[_position];

        public bool AtEnd => Current.Kind == TokenKind.End;

        // query := clause ( ['&'] clause )*
        public TagExpression Query(int depth)
        {
            if (depth > MaximumDepth)
            {
                throw Invalid($"A tag expression nests at most {MaximumDepth} parentheses deep.");
            }

            var clauses = ImmutableArray.CreateBuilder<TagExpression>();
            clauses.Add(Clause(depth));
            while (Current.Kind is TokenKind.And or TokenKind.Not or TokenKind.Tag or TokenKind.Open)
            {
                if (Current.Kind == TokenKind.And)
                {
                    _position++;
                }

                clauses.Add(Clause(depth));
            }

            return clauses.Count == 1 ? clauses[0] : new And(clauses.ToImmutable());
        }

        // clause := '!' clause | group
        TagExpression Clause(int depth)
        {
            if (Current.Kind == TokenKind.Not)
            {
                _position++;
                return new Not(Clause(depth));
            }

            return Group(depth);
        }

        // group := atom ( '|' atom )*
        TagExpression Group(int depth)
        {
            var atoms = ImmutableArray.CreateBuilder<TagExpression>();
            atoms.Add(Atom(depth));
            while (Current.Kind == TokenKind.Or)
            {
                _position++;
                atoms.Add(Atom(depth));
            }

            return atoms.Count == 1 ? atoms[0] : new Or(atoms.ToImmutable());
        }

        // atom := TAG | '(' query ')'
        TagExpression Atom(int depth)
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Tag:
                    _position++;
                    return new Tag(token.Text);
                case TokenKind.Open:
                    _position++;
                    var inner = Query(depth + 1);
                    if (Current.Kind != TokenKind.Close)
                    {
                        throw Invalid("A parenthesis in the tag expression is not closed.");
                    }

                    _position++;
                    return inner;
                case TokenKind.End:
                    throw Invalid("The tag expression ends where a tag was expected.");
                default:
                    throw Invalid($"A tag was expected in the tag expression, not '{token.Text}'.");
            }
        }
    }
}
