package dev.eventscope.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PastTenseTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "OrderPlaced", "FineSent", "PaymentReceived", "AppealSentToPrefecture", "SentForCreditCollection",
                "order_shipped", "ReviewerAssigned", "CheckPassed", "ProcessStarted", "FundsWithdrawn"
            })
    void names_with_a_past_form_pass(String name) {
        assertThat(PastTense.isPastTense(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "UpdateOrder",
                "PlaceOrder",
                "ConfirmationOfReceipt",
                "CreateDocumentXRequestUnlicensed",
                "NeedHelp",
                "OrderShip"
            })
    void commands_and_nouns_do_not(String name) {
        assertThat(PastTense.isPastTense(name)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void names_split_at_case_changes_acronyms_digits_and_separators() {
        assertThat(PastTense.words("HTTPRequestSent2x_done")).containsExactly("http", "request", "sent", "x", "done");
    }
}
