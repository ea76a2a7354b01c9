package io.mintage.admin.internal;

import java.util.List;

import io.mintage.admin.AdminException;
import io.mintage.admin.Royalties;
import io.mintage.admin.RoyaltyQuery;
import io.mintage.admin.royalty.RoyaltyStatement;

/** Royalty statements from the devices counted by the imported reports. */
final class RoyaltyService implements Royalties {

	private final AdminHome admin;

	RoyaltyService(AdminHome admin) {
		this.admin = admin;
	}

	@Override
	public List<RoyaltyStatement> statements(RoyaltyQuery query) throws AdminException {
		throw new AdminException("royalty statements are not in this build yet (" + admin.home() + ")");
	}
}
