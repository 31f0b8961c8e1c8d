package org.cdgm.engine.data;

/** What values a likelihood accepts: any finite real, or non-negative integer counts. */
public enum ValueDomain {
    REAL,
    COUNTS
}
