/**
 * What rdht's commands share: the network options and their precedence (flag, then environment
 * variable, then default), the documented exit codes, and quiet logging unless asked for.
 */
package io.rdht.cli;
