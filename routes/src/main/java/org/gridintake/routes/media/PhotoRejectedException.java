package org.gridintake.routes.media;

import java.util.List;
import java.util.stream.Collectors;

/** Photos that cannot be taken as sent; none of them was stored. */
public class PhotoRejectedException extends RuntimeException {

	private final List<PhotoProblem> problems;

	public PhotoRejectedException(List<PhotoProblem> problems) {
		super(problems.stream()
			.map((problem) -> problem.error().field() + ": " + problem.error().message())
			.collect(Collectors.joining("; ")));
		this.problems = List.copyOf(problems);
	}

	public List<PhotoProblem> problems() {
		return this.problems;
	}

	public boolean has(PhotoProblem.Kind kind) {
		return this.problems.stream().anyMatch((problem) -> problem.kind() == kind);
	}

}
