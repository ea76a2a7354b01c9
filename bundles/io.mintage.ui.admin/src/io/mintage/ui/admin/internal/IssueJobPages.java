package io.mintage.ui.admin.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.mintage.admin.Firmware;
import io.mintage.admin.RecordOptionChoices;
import io.mintage.admin.Station;
import io.mintage.core.command.CommandFiles;
import io.mintage.core.mcu.McuFamily;
import io.mintage.core.mcu.Protection;
import io.mintage.core.mcu.RecordPlacement;
import io.mintage.trust.RecordOptions;
import io.mintage.ui.admin.model.AdminView;
import io.mintage.ui.admin.model.AdminView.ProductView;
import io.mintage.ui.admin.model.IssueForm;
import io.mintage.ui.admin.model.Texts;

/** The pages of the {@link IssueJobWizard}; each writes into the {@link IssueForm} and shows its problem. */
final class IssueJobPages {

	/** A quota's default validity in the wizard: the admin changes it when the contract says otherwise. */
	static final Duration DEFAULT_VALIDITY = Duration.ofDays(90);

	private IssueJobPages() {
	}

	/** Page 1: the station, the product and its firmware version, the job's name. */
	static final class StationPage extends WizardPage {

		private final IssueForm form;
		private final AdminView view;
		private final Selections selections;
		private List<Station> stations;
		private List<Firmware> versions = List.of();
		private Combo station;
		private Combo product;
		private Combo firmware;
		private Text name;

		StationPage(IssueForm form, AdminView view, Selections selections) {
			super("station", "Station, product and firmware", null);
			this.form = form;
			this.view = view;
			this.selections = selections;
			setDescription("Which station is to produce which product, with which firmware version.");
		}

		@Override
		public void createControl(Composite parent) {
			Composite page = new Composite(parent, SWT.NONE);
			page.setLayout(Fields.grid(2));
			stations = view.issuableStations();
			station = Fields.choice(page, "&Station:",
					stations.stream().map(one -> one.name() + " (serial " + one.serial() + ")").toList(),
					Fields.indexOf(stations, one -> selections.station().filter(one.serial()::equalsIgnoreCase).isPresent()));
			List<ProductView> products = view.products();
			product = Fields.choice(page, "&Product:",
					products.stream().map(one -> one.label() + ", " + one.product().mcuFamily()).toList(),
					Fields.indexOf(products, one -> selections.product().equals(Optional.of(one.product().id()))));
			firmware = Fields.choice(page, "Firm&ware:", List.of(), 0);
			name = Fields.text(page, "Job na&me:", "", SWT.NONE);
			name.setMessage("default: the product's name and the firmware version");
			Fields.words(page, 2, "Only stations that are enrolled and not revoked can receive a job. The firmware is"
					+ " encrypted to the station's key: no other station can read it.");
			station.addListener(SWT.Selection, event -> update());
			product.addListener(SWT.Selection, event -> {
				fillFirmware();
				update();
			});
			firmware.addListener(SWT.Selection, event -> update());
			name.addListener(SWT.Modify, event -> update());
			fillFirmware();
			update();
			setControl(page);
		}

		private void fillFirmware() {
			firmware.removeAll();
			int index = product.getSelectionIndex();
			versions = index < 0 ? List.of() : view.products().get(index).firmware();
			for (Firmware one : versions) {
				firmware.add(one.version() + "  (" + one.fileName() + ", SHA-256 " + Texts.abbreviated(one.sha256()) + ")");
			}
			if (!versions.isEmpty()) {
				firmware.select(versions.size() - 1);
			}
		}

		private void update() {
			int s = station.getSelectionIndex();
			int p = product.getSelectionIndex();
			int f = firmware.getSelectionIndex();
			form.station(s < 0 ? Optional.empty() : Optional.of(stations.get(s).serial()));
			form.product(p < 0 ? Optional.empty() : Optional.of(view.products().get(p).product().id()));
			form.firmware(f < 0 || f >= versions.size() ? Optional.empty() : Optional.of(versions.get(f)));
			form.name(name.getText());
			Optional<String> problem = form.stationProblem(view);
			setErrorMessage(problem.orElse(null));
			setPageComplete(problem.isEmpty());
		}
	}

	/** Page 2: the quota — count, first serial, validity, royalty per device. */
	static final class QuotaPage extends WizardPage {

		private final IssueForm form;
		private final Clock clock;
		private Text count;
		private Text firstSerial;
		private Text validFrom;
		private Text validUntil;
		private Text royalty;
		private Text currency;

		QuotaPage(IssueForm form, Clock clock) {
			super("quota", "Quota", null);
			this.form = form;
			this.clock = clock;
			setDescription("How many devices the station may make, with which serials, until when, at what royalty.");
		}

		@Override
		public void createControl(Composite parent) {
			Composite page = new Composite(parent, SWT.NONE);
			page.setLayout(Fields.grid(2));
			count = Fields.text(page, "&Count:", "", SWT.NONE);
			count.setMessage("devices, such as 1000");
			firstSerial = Fields.text(page, "F&irst serial:", "", SWT.NONE);
			firstSerial.setMessage("empty: the next free range of the product");
			Fields.words(page, 2, "Serial ranges of one product never overlap, across all its quotas: the range is"
					+ " allocated (or the one given checked) when the job is issued.");
			validFrom = Fields.text(page, "Valid fr&om:", "", SWT.NONE);
			validFrom.setMessage("empty: now");
			validUntil = Fields.text(page, "Valid &until:", Texts.date(clock.instant().plus(DEFAULT_VALIDITY)), SWT.NONE);
			royalty = Fields.text(page, "&Royalty per device:", "", SWT.NONE);
			royalty.setMessage("such as 0.125; empty: none agreed");
			currency = Fields.text(page, "Currenc&y:", "", SWT.NONE);
			currency.setMessage("ISO 4217 code, such as EUR");
			for (Text text : new Text[] { count, firstSerial, validFrom, validUntil, royalty, currency }) {
				text.addListener(SWT.Modify, event -> update());
			}
			update();
			setControl(page);
		}

		@Override
		public void setVisible(boolean visible) {
			super.setVisible(visible);
			if (visible) {
				count.setFocus();
			}
		}

		private void update() {
			form.count(count.getText());
			form.firstSerial(firstSerial.getText());
			form.validFrom(validFrom.getText());
			form.validUntil(validUntil.getText());
			form.royalty(royalty.getText(), currency.getText());
			Optional<String> problem = form.quotaProblem(clock.instant());
			setErrorMessage(count.getText().isBlank() ? null : problem.orElse(null));
			if (count.getText().isBlank()) {
				setMessage(problem.orElse(null));
			} else {
				setMessage(null);
			}
			setPageComplete(problem.isEmpty());
		}
	}

	/** Page 3: the record options, as the product's MCU family allows them. */
	static final class OptionsPage extends WizardPage {

		private static final String LEAVE = "Leave the chip's protection as found";
		private static final String DEFAULT_PLACE = "The family's place for the chip's variant";

		private final IssueForm form;
		private final AdminView view;
		private Composite page;
		private Label family;
		private Button bindHash;
		private Combo protection;
		private Button allowUnprotect;
		private Combo place;
		private Button undocumented;
		private Label notes;
		private RecordOptionChoices choices;
		private List<String> levels = List.of();
		private List<String> places = List.of();

		OptionsPage(IssueForm form, AdminView view) {
			super("options", "Record options", null);
			this.form = form;
			this.view = view;
			setDescription("How the station makes each device's record and what it may do to the chip.");
		}

		@Override
		public void createControl(Composite parent) {
			page = new Composite(parent, SWT.NONE);
			page.setLayout(Fields.grid(2));
			family = Fields.words(page, 2, "");
			bindHash = new Button(page, SWT.CHECK);
			bindHash.setText("Bind the firmware &hash: devices refuse any other firmware");
			bindHash.setSelection(true);
			bindHash.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
			protection = Fields.choice(page, "&Protection:", List.of(), 0);
			allowUnprotect = new Button(page, SWT.CHECK);
			allowUnprotect.setText("&Allow unprotecting a protected chip (erases all its flash)");
			allowUnprotect.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
			place = Fields.choice(page, "&Record in:", List.of(), 0);
			undocumented = new Button(page, SWT.CHECK);
			undocumented.setText("Accept chips whose &UID is not documented for every part (STM32F030/F070)");
			undocumented.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
			notes = Fields.words(page, 2, "");
			bindHash.addListener(SWT.Selection, event -> update());
			protection.addListener(SWT.Selection, event -> update());
			allowUnprotect.addListener(SWT.Selection, event -> update());
			place.addListener(SWT.Selection, event -> update());
			undocumented.addListener(SWT.Selection, event -> update());
			setControl(page);
		}

		@Override
		public void setVisible(boolean visible) {
			if (visible) {
				fill();
			}
			super.setVisible(visible);
		}

		/** The choices of the product chosen on the first page, which may have changed since. */
		private void fill() {
			Optional<McuFamily> chosen = form.product().flatMap(view::product)
					.flatMap(p -> view.family(p.product().mcuFamily()));
			if (chosen.isEmpty()) {
				choices = null;
				family.setText("The product's MCU family is not installed here; no job can be issued for it.");
				setPageComplete(false);
				return;
			}
			choices = RecordOptionChoices.of(chosen.get());
			family.setText("The options " + chosen.get().displayName() + " chips can carry out:");
			levels = choices.settableLevels().stream().map(Protection.Level::name).toList();
			protection.removeAll();
			protection.add(LEAVE);
			levels.forEach(level -> protection.add("Set '" + level + "' after verify"));
			protection.select(0);
			allowUnprotect.setEnabled(choices.hasProtection());
			allowUnprotect.setSelection(false);
			places = choices.placements().stream().map(RecordPlacement::id).toList();
			place.removeAll();
			place.add(DEFAULT_PLACE);
			places.forEach(place::add);
			place.select(0);
			undocumented.setEnabled(choices.hasUndocumentedUid());
			undocumented.setSelection(false);
			update();
			page.layout(true, true);
		}

		private void update() {
			if (choices == null) {
				return;
			}
			int level = protection.getSelectionIndex();
			int where = place.getSelectionIndex();
			form.recordOptions(bindHash.getSelection(),
					level <= 0 ? Optional.empty() : Optional.of(levels.get(level - 1)), allowUnprotect.getSelection(),
					where <= 0 ? Optional.empty() : Optional.of(places.get(where - 1)), undocumented.getSelection());
			Optional<String> problem = form.optionsProblem(choices.family());
			List<String> said = new ArrayList<>(form.optionNotes(choices.family()));
			notes.setText(said.isEmpty() ? "" : "Note: " + String.join("; ", said) + ".");
			setErrorMessage(problem.orElse(null));
			setPageComplete(problem.isEmpty());
			page.layout(true, true);
		}
	}

	/** Page 4: where the job file goes, and everything the job will carry in words. */
	static final class FilePage extends WizardPage {

		private final IssueForm form;
		private final AdminView view;
		private final Clock clock;
		private Text file;
		private Label summary;
		private boolean fileTouched;

		FilePage(IssueForm form, AdminView view, Clock clock) {
			super("file", "Job file", null);
			this.form = form;
			this.view = view;
			this.clock = clock;
			setDescription("Where the job package is written, to hand over to the station.");
		}

		@Override
		public void createControl(Composite parent) {
			Composite page = new Composite(parent, SWT.NONE);
			page.setLayout(Fields.grid(3));
			new Label(page, SWT.NONE).setText("&Job file:");
			file = new Text(page, SWT.BORDER);
			file.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
			Button browse = new Button(page, SWT.PUSH);
			browse.setText("Brow&se…");
			browse.addListener(SWT.Selection, event -> {
				Path current = Path.of(file.getText().isBlank() ? "job.mjob" : file.getText().strip());
				FileChoice.save(getShell(), "Where to write the job file", current.getFileName().toString(), "*.mjob",
						"Job packages (*.mjob)").ifPresent(path -> file.setText(path.toString()));
			});
			summary = new Label(page, SWT.WRAP);
			GridData data = new GridData(SWT.FILL, SWT.TOP, true, true, 3, 1);
			data.widthHint = Fields.TEXT_WIDTH;
			summary.setLayoutData(data);
			file.addListener(SWT.Modify, event -> {
				fileTouched = true;
				update();
			});
			setControl(page);
			setPageComplete(false);
		}

		@Override
		public void setVisible(boolean visible) {
			if (visible) {
				if (!fileTouched || file.getText().isBlank()) {
					file.setText(suggested().toString());
					fileTouched = false;
				}
				summary.setText(summary());
				summary.getParent().layout(true, true);
				update();
			}
			super.setVisible(visible);
			if (visible) {
				file.setFocus();
				file.selectAll();
			}
		}

		private Path suggested() {
			String name = form.product().flatMap(view::product).map(p -> p.product().name()).orElse("job") + "-"
					+ form.firmware().map(Firmware::version).orElse("");
			return FileChoice.folder().resolve(CommandFiles.fileNameFor(name, "job") + ".mjob");
		}

		private String summary() {
			try {
				var request = form.request(clock.instant());
				var quota = request.newQuota().orElseThrow();
				Station station = view.station(request.station()).orElseThrow();
				RecordOptions options = request.recordOptions();
				return "Station " + station.name() + " (serial " + station.serial() + ")\n"
						+ "Product " + form.product().flatMap(view::product).map(ProductView::label).orElse("?")
						+ ", firmware " + form.firmware().map(f -> f.version() + " (SHA-256 " + f.sha256() + ")").orElse("?")
						+ "\n" + quota.count() + " devices, serials "
						+ quota.firstSerial().stream().mapToObj(first -> first + " to " + (first + quota.count() - 1))
								.findFirst().orElse("of the next free range")
						+ ", valid " + quota.validFrom().map(Texts::date).orElse("from now") + " until "
						+ Texts.date(quota.validUntil()) + ", "
						+ quota.royalty().map(royalty -> "royalty " + royalty + " per device").orElse("no royalty recorded")
						+ "\n"
						+ "Record options: " + options.summary();
			} catch (RuntimeException e) {
				return "";
			}
		}

		private void update() {
			form.file(file.getText());
			Optional<String> problem = form.fileProblem();
			setErrorMessage(problem.orElse(null));
			setPageComplete(problem.isEmpty());
		}
	}
}
