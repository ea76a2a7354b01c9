package io.mintage.ui.admin.internal;

import java.util.Optional;
import java.util.UUID;

import io.mintage.admin.royalty.RoyaltyStatement;
import io.mintage.trust.ProductId;

/**
 * What the admin last selected in each view, so a menu command acts on it wherever the focus is now
 * (Revoke station… on the station selected in Stations, Export job file… on the job selected in
 * Quotas, Export royalty statement… on the statement Royalties shows). UI thread only.
 */
final class Selections {

	private Optional<String> station = Optional.empty();
	private Optional<ProductId> product = Optional.empty();
	private Optional<UUID> quota = Optional.empty();
	private Optional<UUID> job = Optional.empty();
	private Optional<UUID> report = Optional.empty();
	private Optional<RoyaltyStatement> statement = Optional.empty();

	Optional<String> station() {
		return station;
	}

	void station(Optional<String> serial) {
		station = serial;
	}

	Optional<ProductId> product() {
		return product;
	}

	void product(Optional<ProductId> id) {
		product = id;
	}

	Optional<UUID> quota() {
		return quota;
	}

	void quota(Optional<UUID> id) {
		quota = id;
	}

	Optional<UUID> job() {
		return job;
	}

	void job(Optional<UUID> id) {
		job = id;
	}

	Optional<UUID> report() {
		return report;
	}

	void report(Optional<UUID> id) {
		report = id;
	}

	/** The royalty statement the Royalties view shows. */
	Optional<RoyaltyStatement> statement() {
		return statement;
	}

	void statement(Optional<RoyaltyStatement> shown) {
		statement = shown;
	}
}
