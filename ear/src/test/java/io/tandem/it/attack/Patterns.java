package io.tandem.it.attack;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;

/**
 * Makes a string that matches a documented {@code pattern} as a whole (so it is valid whether the
 * server anchors the pattern, as Bean Validation does, or not, as JSON Schema does). Covers what
 * request schemas use: literals, escapes (\d \w \s \S and escaped punctuation), '.', classes with
 * ranges and negation, groups with alternatives, and the quantifiers ? * + {n} {n,} {n,m}.
 */
final class Patterns {
    private final String regex;
    private int at;

    private Patterns(String regex) {
        this.regex = regex;
    }

    /** A random match of the pattern, or null when the pattern uses something not covered here. */
    static String example(String regex, Random random) {
        try {
            Patterns p = new Patterns(regex);
            Node node = p.alternation();
            if (p.at != regex.length()) {
                return null;
            }
            StringBuilder out = new StringBuilder();
            node.emit(random, out);
            return out.toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private interface Node {
        void emit(Random random, StringBuilder out);
    }

    private Node alternation() {
        List<Node> alternatives = new ArrayList<>();
        alternatives.add(sequence());
        while (at < regex.length() && regex.charAt(at) == '|') {
            at++;
            alternatives.add(sequence());
        }
        return alternatives.size() == 1 ? alternatives.get(0)
                : (random, out) -> alternatives.get(random.nextInt(alternatives.size())).emit(random, out);
    }

    private Node sequence() {
        List<Node> items = new ArrayList<>();
        while (at < regex.length() && regex.charAt(at) != '|' && regex.charAt(at) != ')') {
            Node atom = atom();
            items.add(quantified(atom));
        }
        return (random, out) -> items.forEach(n -> n.emit(random, out));
    }

    private Node atom() {
        char c = regex.charAt(at++);
        switch (c) {
            case '^', '$':
                return (random, out) -> {};
            case '(': {
                if (regex.startsWith("?:", at)) {
                    at += 2;
                }
                Node inner = alternation();
                expect(')');
                return inner;
            }
            case '[':
                return chars(charClass());
            case '.':
                return chars(ch -> ch >= 'a' && ch <= 'z');
            case '\\':
                return chars(escape(regex.charAt(at++)));
            default:
                return (random, out) -> out.append(c);
        }
    }

    private Node quantified(Node atom) {
        if (at >= regex.length()) {
            return atom;
        }
        int min;
        int max;
        char q = regex.charAt(at);
        if (q == '?') {
            min = 0;
            max = 1;
            at++;
        } else if (q == '*') {
            min = 0;
            max = 3;
            at++;
        } else if (q == '+') {
            min = 1;
            max = 4;
            at++;
        } else if (q == '{') {
            int close = regex.indexOf('}', at);
            String[] bounds = regex.substring(at + 1, close).split(",", -1);
            min = Integer.parseInt(bounds[0].trim());
            max = bounds.length == 1 ? min : bounds[1].isBlank() ? min + 4 : Integer.parseInt(bounds[1].trim());
            at = close + 1;
        } else {
            return atom;
        }
        if (at < regex.length() && (regex.charAt(at) == '?' || regex.charAt(at) == '+')) {
            at++; // lazy or possessive: same matches
        }
        int lo = min;
        int hi = Math.max(min, Math.min(max, min + 8));
        return (random, out) -> {
            int n = lo + random.nextInt(hi - lo + 1);
            for (int i = 0; i < n; i++) {
                atom.emit(random, out);
            }
        };
    }

    private IntPredicate charClass() {
        boolean negated = at < regex.length() && regex.charAt(at) == '^';
        if (negated) {
            at++;
        }
        IntPredicate members = ch -> false;
        boolean first = true;
        while (regex.charAt(at) != ']' || first) {
            first = false;
            char c = regex.charAt(at++);
            IntPredicate single;
            if (c == '\\') {
                single = escape(regex.charAt(at++));
            } else if (at + 1 < regex.length() && regex.charAt(at) == '-' && regex.charAt(at + 1) != ']') {
                char to = regex.charAt(at + 1);
                at += 2;
                single = ch -> ch >= c && ch <= to;
            } else {
                single = ch -> ch == c;
            }
            members = members.or(single);
        }
        at++;
        return negated ? members.negate() : members;
    }

    private static IntPredicate escape(char e) {
        return switch (e) {
            case 'd' -> ch -> ch >= '0' && ch <= '9';
            case 'D', 'S' -> ch -> ch >= 'a' && ch <= 'z';
            case 'w' -> ch -> (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
            case 'W' -> ch -> ch == '-';
            case 's' -> ch -> ch == ' ';
            case 'n' -> ch -> ch == '\n';
            case 't' -> ch -> ch == '\t';
            default -> ch -> ch == e;
        };
    }

    /** One random printable ASCII character of the class. */
    private static Node chars(IntPredicate members) {
        List<Character> candidates = new ArrayList<>();
        for (char ch = 0x20; ch < 0x7f; ch++) {
            if (members.test(ch)) {
                candidates.add(ch);
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("empty class");
        }
        return (random, out) -> out.append(candidates.get(random.nextInt(candidates.size())));
    }

    private void expect(char c) {
        if (at >= regex.length() || regex.charAt(at) != c) {
            throw new IllegalArgumentException("expected " + c + " at " + at + " in " + regex);
        }
        at++;
    }
}
