using Npgsql;

namespace Flattr.Things;

/// <summary>
/// Moves a thing to a claimant in one transaction: the owner column, the claim's record (<c>thing_claims</c>, which the
/// settlement reads to pay an ended month to that month's owner) and the rule that nobody owns a thing they flattred this month.
/// </summary>
public sealed class ThingClaimStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Moves <paramref name="thingId"/> from <paramref name="previousOwnerId"/> to the claimant. <c>conflict</c> when the
    /// thing's owner is no longer <paramref name="previousOwnerId"/>; <c>validation</c> when the claimant has a click on it in
    /// <paramref name="openMonth"/> or later.
    /// </summary>
    public async Task TransferAsync(long thingId, long previousOwnerId, OwnershipClaim claim, Month openMonth, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var owner = new NpgsqlCommand("SELECT owner_id FROM things WHERE id = $1 FOR UPDATE", connection, transaction))
        {
            owner.Parameters.Add(new() { Value = thingId });
            if (await owner.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long current || current != previousOwnerId)
            {
                throw new FlattrException(FlattrErrors.Conflict, $"Thing {thingId} changed hands meanwhile.");
            }
        }

        await using (var clicked = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM clicks WHERE giver_id = $1 AND thing_id = $2 AND month >= $3)", connection, transaction))
        {
            clicked.Parameters.Add(new() { Value = claim.ClaimantId });
            clicked.Parameters.Add(new() { Value = thingId });
            clicked.Parameters.Add(new() { Value = openMonth.FirstDay });
            if ((bool)(await clicked.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                throw new FlattrException(FlattrErrors.Validation, $"User {claim.ClaimantId} flattred thing {thingId} this month.");
            }
        }

        await using (var move = new NpgsqlCommand(
            """
            WITH moved AS (UPDATE things SET owner_id = $2, updated_at = $3 WHERE id = $1 RETURNING id)
            INSERT INTO thing_claims (thing_id, previous_owner_id, new_owner_id, method, proof_url, claimed_at)
            SELECT id, $4, $2, $5, $6, $3 FROM moved
            """, connection, transaction))
        {
            move.Parameters.Add(new() { Value = thingId });
            move.Parameters.Add(new() { Value = claim.ClaimantId });
            move.Parameters.Add(new() { Value = at });
            move.Parameters.Add(new() { Value = previousOwnerId });
            move.Parameters.Add(new() { Value = MethodName(claim.Method) });
            move.Parameters.Add(new() { Value = claim.ProofUrl });
            try
            {
                await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
                throw new FlattrException(FlattrErrors.NotFound, $"There is no user {claim.ClaimantId}.", e);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    static string MethodName(ClaimMethod method) => method switch
    {
        ClaimMethod.PaymentLink => "payment_link",
        ClaimMethod.OwnerMeta => "owner_meta",
        ClaimMethod.WellKnown => "well_known",
        _ => throw new FlattrException(FlattrErrors.InvalidParameters, $"Unknown claim method {method}."),
    };
}
