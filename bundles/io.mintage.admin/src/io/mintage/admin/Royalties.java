package io.mintage.admin;

import java.util.List;

import io.mintage.admin.royalty.RoyaltyStatement;

/** What the stations owe: the devices counted by their reports times their quotas' royalties. */
public interface Royalties {

	/**
	 * Devices counted by accepted/flagged reports whose completion falls in [from, to] (UTC dates, inclusive),
	 * per station and product, times their quota's royalty per device; one statement per currency (the
	 * existing {@link RoyaltyStatement}, which CSV/PDF export already take). Devices of quotas without a
	 * royalty are left out. No statement when nothing is owed in the period.
	 */
	List<RoyaltyStatement> statements(RoyaltyQuery query) throws AdminException;
}
