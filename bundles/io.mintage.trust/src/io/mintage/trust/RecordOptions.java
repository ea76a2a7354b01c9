package io.mintage.trust;

/** How the station makes the job's device records: whether they carry the firmware hash (flag bit 0). */
public record RecordOptions(boolean bindFirmwareHash) {
}
