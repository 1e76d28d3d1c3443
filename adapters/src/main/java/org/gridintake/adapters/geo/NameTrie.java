package org.gridintake.adapters.geo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A character trie over place names and aliases. Walking it from each position of a text
 * finds every name that starts there in one pass over at most the longest name's length;
 * with a few hundred names of up to a dozen characters and texts of a few dozen, that
 * costs microseconds per text, so the failure links of Aho-Corasick would buy nothing.
 * Frozen into sorted arrays once built: immutable and safe to share between threads.
 *
 * @param <T> what a name stands for
 */
final class NameTrie<T> {

	private final Node<T> root;

	private NameTrie(Node<T> root) {
		this.root = root;
	}

	/**
	 * Calls {@code visitor} with every name that starts at {@code from}, shortest first.
	 */
	void matchesAt(CharSequence text, int from, Visitor<T> visitor) {
		Node<T> node = this.root;
		for (int i = from; i < text.length(); i++) {
			node = node.child(text.charAt(i));
			if (node == null) {
				return;
			}
			if (!node.values.isEmpty()) {
				visitor.visit(i + 1, node.values);
			}
		}
	}

	@FunctionalInterface
	interface Visitor<T> {

		/**
		 * @param end index just after the name in the text
		 * @param values everything the name stands for (several when names collide)
		 */
		void visit(int end, List<T> values);

	}

	static final class Builder<T> {

		private final MutableNode<T> root = new MutableNode<>();

		Builder<T> put(String name, T value) {
			if (name == null || name.isEmpty()) {
				throw new IllegalArgumentException("empty name");
			}
			MutableNode<T> node = this.root;
			for (int i = 0; i < name.length(); i++) {
				node = node.children.computeIfAbsent(name.charAt(i), (c) -> new MutableNode<>());
			}
			if (!node.values.contains(value)) {
				node.values.add(value);
			}
			return this;
		}

		NameTrie<T> build() {
			return new NameTrie<>(this.root.freeze());
		}

	}

	private static final class MutableNode<T> {

		private final Map<Character, MutableNode<T>> children = new TreeMap<>();

		private final List<T> values = new ArrayList<>(1);

		Node<T> freeze() {
			char[] keys = new char[this.children.size()];
			@SuppressWarnings("unchecked")
			Node<T>[] nodes = new Node[keys.length];
			int i = 0;
			for (Map.Entry<Character, MutableNode<T>> child : this.children.entrySet()) {
				keys[i] = child.getKey();
				nodes[i] = child.getValue().freeze();
				i++;
			}
			return new Node<>(keys, nodes, List.copyOf(this.values));
		}

	}

	private static final class Node<T> {

		private final char[] keys;

		private final Node<T>[] children;

		private final List<T> values;

		Node(char[] keys, Node<T>[] children, List<T> values) {
			this.keys = keys;
			this.children = children;
			this.values = values;
		}

		Node<T> child(char c) {
			int at = Arrays.binarySearch(this.keys, c);
			return (at >= 0) ? this.children[at] : null;
		}

	}

}
