package io.mintage.ui.admin.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.mintage.admin.Station;
import io.mintage.ui.ShownState;
import io.mintage.ui.admin.model.AdminModel;
import io.mintage.ui.admin.model.AdminView;
import io.mintage.ui.admin.model.Texts;

/**
 * The stations the authority enrolled: name, certificate serial, when enrolled, when the certificate
 * ends (and whether it has), revoked or not; enrolment from a station's request file, revocation with a
 * reason, and the revocation list for the stations.
 */
public final class StationsPart implements ShownState {

	private final AdminModel model;
	private final Selections selections;
	private Composite content;
	private Label heading;
	private TableView<Station> table;
	private Label details;
	private Button revoke;
	private Button crl;
	private AdminView shown;

	@Inject
	public StationsPart(AdminModel model, Selections selections) {
		this.model = model;
		this.selections = selections;
	}

	@PostConstruct
	public void create(Composite parent) {
		content = parent;
		parent.setLayout(Fields.grid(1));
		heading = Fields.heading(parent, 1);
		table = new TableView<>(parent, Station.class, new Column<Station>("Station", 95, Station::name),
				new Column<Station>("Certificate ends", 185, station -> Texts.expiry(station, now())),
				new Column<Station>("Status", 140, Texts::status),
				new Column<Station>("Serial", 250, Station::serial),
				new Column<Station>("Enrolled", 95, station -> Texts.date(station.enrolledAt()))).filling(SWT.DEFAULT)
				.onSelection(this::selected);
		details = Fields.words(parent, 1, "");
		Composite buttons = Fields.buttonRow(parent, 1);
		Fields.button(buttons, "&Enrol from request…", () -> StationActions.enrol(parent.getShell(), model));
		revoke = Fields.button(buttons, "Revo&ke…", () -> StationActions.revoke(parent.getShell(), model, selections));
		crl = Fields.button(buttons, "Export revocation &list…",
				() -> StationActions.exportRevocationList(parent.getShell(), model));
		ModelFollower.follow(model, parent, this::show);
	}

	/** The keyboard goes to the view's main control when the view is activated (Ctrl+1 … Ctrl+6). */
	@Focus
	public void focus() {
		table.focus();
	}

	private Instant now() {
		return shown == null ? model.clock().instant() : shown.at();
	}

	private void show(AdminView view) {
		shown = view;
		List<Station> stations = view.stations();
		long revoked = stations.stream().filter(Station::revoked).count();
		heading.setText(stations.isEmpty() ? "No station enrolled yet"
				: stations.size() + (stations.size() == 1 ? " station" : " stations")
						+ (revoked > 0 ? ", " + revoked + " revoked" : ""));
		Optional<String> keep = selections.station();
		table.show(stations);
		table.select(keep.flatMap(view::station));
		crl.setEnabled(view.authority().isPresent());
		selected();
		content.layout(true, true);
	}

	private void selected() {
		Optional<Station> station = table.selected();
		if (station.isPresent()) {
			selections.station(Optional.of(station.get().serial()));
		}
		revoke.setEnabled(station.isPresent() && !station.get().revoked());
		details.setText(station.map(s -> s.subject() + ", certificate serial " + s.serial() + ": " + Texts.status(s)
				+ "; certificate ends " + Texts.expiry(s, now()) + ".").orElse(
						"Select a station to revoke it. A station's request file comes from 'mintage station init'."));
	}

	@Override
	public Map<String, String> shownState() {
		Map<String, String> state = new LinkedHashMap<>();
		state.put("stations.heading", heading.getText());
		table.report(state, "station");
		state.put("stations.selected", table.selected().map(Station::name).orElse(""));
		state.put("stations.details", details.getText());
		return state;
	}
}
