package io.mintage.ui.admin.internal;

import java.util.function.Function;

/** A table column of a {@link TableView}: its title, width in pixels and the text of each row's cell. */
record Column<T>(String title, int width, Function<T, String> text) {
}
