/**
 * Bringing ND4J up wherever the engine runs: on a flat class path, or inside OSGi (KNIME), where ND4J must find its
 * backend through the bundle's class loader and JavaCPP must unpack natives into a folder the bundle owns.
 */
package org.cdgm.engine.runtime;
