package io.mintage.ui.station.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.mintage.station.engine.SiteAddress;
import io.mintage.ui.ShownState;
import io.mintage.ui.station.model.SiteView;
import io.mintage.ui.station.model.StationModel;
import io.mintage.ui.station.model.StationView;

/**
 * The sites as large tiles, as many side by side as fit (each at least {@value #TILE_WIDTH} pixels
 * wide), scrolling when there are more than the window holds. No sites yet: a sentence saying how to
 * add one, with the button for it.
 */
public final class SitesPart implements ShownState {

	private static final int TILE_WIDTH = 380;
	private static final int TILE_HEIGHT = 300;

	private final StationModel model;
	private final Consumer<StationView> listener = this::show;
	private final List<SiteTile> tiles = new ArrayList<>();
	private StationLook look;
	private ScrolledComposite scroller;
	private Composite grid;
	private Composite empty;
	private StationView shown;

	@Inject
	public SitesPart(StationModel model) {
		this.model = model;
	}

	@PostConstruct
	public void create(Composite parent) {
		look = new StationLook(parent);
		parent.setLayout(new GridLayout(1, false));
		empty = new Composite(parent, SWT.NONE);
		empty.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		empty.setLayout(new GridLayout(1, false));
		Label none = new Label(empty, SWT.WRAP);
		none.setFont(look.font(StationLook.MEDIUM, false));
		none.setText("No sites yet. A site is one fixture: the probe that talks to its chip and the serial port it is "
				+ "on. Add one with the button below or with Production ▸ Add site…");
		none.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		Button add = new Button(empty, SWT.PUSH);
		add.setText("&Add site…");
		add.setFont(look.font(StationLook.MEDIUM, true));
		add.addListener(SWT.Selection, event -> AddSiteDialog.open(add.getShell(), model));

		scroller = new ScrolledComposite(parent, SWT.V_SCROLL);
		scroller.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		scroller.setExpandHorizontal(true);
		scroller.setExpandVertical(true);
		grid = new Composite(scroller, SWT.NONE);
		scroller.setContent(grid);
		scroller.addListener(SWT.Resize, event -> arrange());
		model.addListener(listener);
		show(model.view());
	}

	@PreDestroy
	public void dispose() {
		model.removeListener(listener);
	}

	private void show(StationView view) {
		if (grid == null || grid.isDisposed()) {
			return;
		}
		shown = view;
		List<SiteView> sites = view.sites();
		boolean rebuilt = false;
		if (sites.size() != tiles.size()) {
			tiles.forEach(SiteTile::dispose);
			tiles.clear();
			for (int i = 0; i < sites.size(); i++) {
				tiles.add(new SiteTile(grid, look, actions()));
			}
			rebuilt = true;
		}
		for (int i = 0; i < sites.size(); i++) {
			tiles.get(i).show(sites.get(i), view.canProduce(), view.jobStopped());
		}
		boolean none = sites.isEmpty();
		if (((GridData) empty.getLayoutData()).exclude != !none || rebuilt) {
			((GridData) empty.getLayoutData()).exclude = !none;
			empty.setVisible(none);
			((GridData) scroller.getLayoutData()).exclude = none;
			scroller.setVisible(!none);
			empty.getParent().layout(true, true);
			arrange();
		}
	}

	/** Columns as the width allows; tiles share the height when they fit, else the grid scrolls. */
	private void arrange() {
		int width = scroller.getClientArea().width;
		int count = Math.max(1, tiles.size());
		int columns = Math.max(1, Math.min(count, width / TILE_WIDTH));
		GridLayout layout = new GridLayout(columns, true);
		layout.horizontalSpacing = 12;
		layout.verticalSpacing = 12;
		grid.setLayout(layout);
		for (SiteTile tile : tiles) {
			GridData data = new GridData(SWT.FILL, SWT.FILL, true, true);
			data.minimumWidth = Math.min(TILE_WIDTH, width);
			data.minimumHeight = TILE_HEIGHT;
			data.heightHint = TILE_HEIGHT;
			tile.control().setLayoutData(data);
		}
		int rows = (count + columns - 1) / columns;
		scroller.setMinSize(Math.min(width, TILE_WIDTH), rows * (TILE_HEIGHT + 60));
		grid.layout(true, true);
	}

	private SiteTile.Actions actions() {
		return new SiteTile.Actions() {
			@Override
			public void start(int site) {
				model.start(site);
			}

			@Override
			public void stop(int site) {
				model.stop(site);
			}

			@Override
			public void remove(SiteAddress site) {
				if (MessageDialog.openQuestion(grid.getShell(), "Remove site", "Remove site " + site
						+ " from this station's list? Its fixture is no longer used; you can add it again later.")) {
					try {
						model.removeSite(site);
					} catch (IllegalStateException e) {
						MessageDialog.openInformation(grid.getShell(), "Remove site", e.getMessage());
					}
				}
			}
		};
	}

	@Override
	public Map<String, String> shownState() {
		Map<String, String> state = new LinkedHashMap<>();
		state.put("sites", Integer.toString(tiles.size()));
		for (int i = 0; i < tiles.size(); i++) {
			SiteTile tile = tiles.get(i);
			String key = "site." + (i + 1) + ".";
			state.put(key + "title", tile.title());
			state.put(key + "phase", tile.phase().label());
			state.put(key + "headline", tile.headline());
			state.put(key + "advice", tile.advice());
			state.put(key + "percent", Integer.toString(tile.percent()));
			state.put(key + "device", tile.device());
			state.put(key + "running", Boolean.toString(shown != null && shown.sites().get(i).running()));
		}
		return state;
	}
}
