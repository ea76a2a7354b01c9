package io.mintage.ui;

import java.util.Map;

/**
 * A part that tells automated checks what it shows, as a person reads it there: names (such as
 * {@code site.1.headline}) to the texts on screen. The UI state report ({@code -Dmintage.ui.report})
 * writes it under the part's id, so a test of the built product can assert what the operator sees
 * without reading pixels. Called on the UI thread; the order of the map is kept.
 */
public interface ShownState {

	Map<String, String> shownState();
}
