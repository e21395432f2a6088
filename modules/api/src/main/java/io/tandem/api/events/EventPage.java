package io.tandem.api.events;

import java.util.List;

/** A page of the stream; pass {@code next} as {@code after} to continue. */
public record EventPage(List<EventView> items, long next) {}
