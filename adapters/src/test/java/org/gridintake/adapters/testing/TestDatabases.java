package org.gridintake.adapters.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Databases of their own for test classes, on either kind of test server.
 */
final class TestDatabases {

	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

	private TestDatabases() {
	}

	static void recreate(String maintenanceUrl, String username, String password, String name) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Not a plain database name: " + name);
		}
		try (Connection connection = DriverManager.getConnection(maintenanceUrl, username, password);
				Statement statement = connection.createStatement()) {
			// FORCE ends sessions a previous test class left open on it.
			statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
			statement.execute("CREATE DATABASE \"" + name + "\"");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the test database " + name, ex);
		}
	}

}
