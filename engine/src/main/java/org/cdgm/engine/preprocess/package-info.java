/**
 * From a read matrix to the cells a model trains on: gene selection and library sizes, gene alignment with a
 * fitted model, cell filters and the background/target split by a metadata column, with every dropped cell counted
 * and reported.
 */
package org.cdgm.engine.preprocess;
