package org.sharebus.consumers.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The answers Spring's resolvers cannot give the API themselves; the wiring of the others is SearchProjectionTest's. */
class ApiProblemsTest {

    private final ApiProblems problems = new ApiProblems();

    @Test
    void shouldAnswer503WithRetryAfterAndNoHostWhenTheDatabaseDoesNotAnswer() throws Exception {
        // given a search whose connection could not be had
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/enterprises");
        CannotGetJdbcConnectionException down = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new java.sql.SQLException("Connection to db.internal:5432 refused"));

        // when
        ResponseEntity<ProblemDetail> answer = problems.unavailable(down, request, new MockHttpServletResponse());

        // then the caller is told to come back, not where the database runs
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(answer.getBody().getType().toString()).isEqualTo("urn:sharebus:problem:unavailable");
        assertThat(answer.getBody().getDetail()).isEqualTo("the read model's database is unavailable; retry later")
                .doesNotContain("db.internal");
    }

    @Test
    void shouldSendAPageRequestToTheErrorPageAs503WhenTheDatabaseDoesNotAnswer() throws Exception {
        // given the same failure on a staff page
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/staff/enterprises");
        MockHttpServletResponse response = new MockHttpServletResponse();
        CannotGetJdbcConnectionException down = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection");

        // when
        ResponseEntity<ProblemDetail> answer = problems.unavailable(down, request, response);

        // then the error page is asked for as 503, to come back to, not as a 500 and not as JSON
        assertThat(answer).isNull();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.isCommitted()).isTrue();
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
    }
}
